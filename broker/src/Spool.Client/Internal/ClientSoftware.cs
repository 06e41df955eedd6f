using System.Reflection;
using System.Text.RegularExpressions;

namespace Spool.Client.Internal;

/// <summary>The name and version sent in ApiVersions v3+ (KIP-511), which brokers show in their metrics.</summary>
internal static partial class ClientSoftware
{
    public const string Name = "spool-dotnet";

    /// <summary>The assembly version, reduced to the characters KIP-511 allows ([a-zA-Z0-9.-], alphanumeric ends).</summary>
    public static string Version { get; } = Sanitize(
        typeof(ClientSoftware).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ClientSoftware).Assembly.GetName().Version?.ToString()
        ?? "0");

    internal static string Sanitize(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        var text = Disallowed().Replace(plus >= 0 ? version[..plus] : version, "-").Trim('-', '.');
        return text.Length == 0 ? "0" : text;
    }

    [GeneratedRegex("[^a-zA-Z0-9.-]")]
    private static partial Regex Disallowed();
}
