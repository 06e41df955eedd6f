namespace Spool.Cli.Tests.Infrastructure;

/// <summary>A fact that is skipped, with the reason, only when the client's runtime is absent from the machine.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ThirdPartyFactAttribute : FactAttribute
{
    public ThirdPartyFactAttribute(ThirdPartyClient client) => Skip = ThirdPartyClients.MissingReason(client);
}
