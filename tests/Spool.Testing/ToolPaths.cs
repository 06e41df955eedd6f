using System.Diagnostics;

namespace Spool.Testing;

/// <summary>
/// Where the third-party tools the tests drive are installed (./test.sh installs them: apt for kcat and
/// python3-confluent-kafka, npm ci for the JavaScript clients), and whether each one can run here.
/// </summary>
public static class ToolPaths
{
    /// <summary>Debian's interpreter: python3-confluent-kafka is installed for it, not for a pyenv python3 earlier on PATH.</summary>
    public const string DebianPython = "/usr/bin/python3";

    private static readonly Lazy<string?> KcatPath = new(() => FindOnPath("kcat"));
    private static readonly Lazy<string?> NodePath = new(() => FindOnPath("node"));
    private static readonly Lazy<bool> ConfluentKafka = new(() => File.Exists(DebianPython) && RunQuietly(DebianPython, "-c", "import confluent_kafka") == 0);

    public static string? Kcat => KcatPath.Value;

    public static string? Node => NodePath.Value;

    /// <summary>Whether Debian's python3 can import confluent_kafka (librdkafka).</summary>
    public static bool ConfluentKafkaImportable => ConfluentKafka.Value;

    /// <summary>The skip reason when confluent-kafka for Python cannot run here, else null.</summary>
    public static string? ConfluentKafkaMissingReason => ConfluentKafkaImportable
        ? null
        : $"{DebianPython} cannot import confluent_kafka (apt-get install python3-confluent-kafka; ./test.sh does it)";

    /// <summary>The first executable of that name on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a program to completion with its output discarded; its exit code, or -1 when it did not start.</summary>
    public static int RunQuietly(string file, params string[] args)
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

        // Both pipes drained concurrently: a child that fills one while we block on the other would hang.
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        stderr.GetAwaiter().GetResult();
        process.WaitForExit();
        return process.ExitCode;
    }
}
