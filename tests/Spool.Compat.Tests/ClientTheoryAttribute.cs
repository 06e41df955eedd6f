namespace Spool.Compat.Tests;

/// <summary>A theory that is skipped, with the reason, only when the client's runtime is absent from the machine.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ClientTheoryAttribute : TheoryAttribute
{
    public ClientTheoryAttribute(CompatClient client)
    {
        Client = client;
        Skip = ClientRuntimes.MissingReason(client);
    }

    public CompatClient Client { get; }
}
