namespace Spool.Cli.Tests.Infrastructure;

/// <summary>Topic and group names unique to one test, since the tests share a broker.</summary>
public static class Names
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
