using System.Diagnostics;
using Spool.Testing;

namespace Spool.Cli.Tests.Infrastructure;

/// <summary>
/// Where the third-party clients and their runtimes are. ./test.sh installs them (python3-confluent-kafka from
/// apt, kafkajs by npm ci in tests/compat), so in CI none is missing.
/// </summary>
public static class ThirdPartyClients
{
    /// <summary>Debian's interpreter: python3-confluent-kafka is installed for it, not for a pyenv python3 earlier on PATH.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> ConfluentKafka = new(() => File.Exists(Python) && Run(Python, "-c", "import confluent_kafka") == 0);
    private static readonly Lazy<string?> NodePath = new(() => FindOnPath("node"));

    public static string ScriptsDirectory => RepoPaths.Combine("tests", "Spool.Cli.Tests", "Scripts");

    public static string NodeModules => RepoPaths.Combine("tests", "compat", "node_modules");

    public static string? Node => NodePath.Value;

    /// <summary>Null when the client can run here, else why not (the skip reason).</summary>
    public static string? MissingReason(ThirdPartyClient client) => client switch
    {
        ThirdPartyClient.ConfluentKafka when !ConfluentKafka.Value =>
            $"{Python} cannot import confluent_kafka (apt-get install python3-confluent-kafka; ./test.sh does it)",
        ThirdPartyClient.Kafkajs when Node is null => "node is not installed",
        ThirdPartyClient.Kafkajs when !Directory.Exists(Path.Combine(NodeModules, "kafkajs")) =>
            "tests/compat/node_modules/kafkajs is missing (npm ci in tests/compat; ./test.sh does it)",
        _ => null,
    };

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static int Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start);
        if (process is null)
        {
            return -1;
        }

        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
