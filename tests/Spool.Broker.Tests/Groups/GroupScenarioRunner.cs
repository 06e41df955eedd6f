using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Spool.Testing;

namespace Spool.Broker.Tests.Groups;

/// <summary>
/// Runs Scripts/group_scenarios.py (confluent-kafka, i.e. librdkafka) and kcat against a broker. Debian's
/// /usr/bin/python3 is used on purpose: it is the interpreter that has python3-confluent-kafka.
/// </summary>
internal static class GroupScenarioRunner
{
    public const string Python = ToolPaths.DebianPython;

    /// <summary>Overrides that keep group tests quick: a short initial rebalance delay and short sessions allowed.</summary>
    public static readonly IReadOnlyDictionary<string, string> BrokerOverrides = new Dictionary<string, string>
    {
        ["group.initial.rebalance.delay.ms"] = "100",
        ["group.min.session.timeout.ms"] = "1000",
    };

    public static async Task<JsonElement> RunAsync(string scenario, string bootstrap, params string[] extra)
    {
        var args = new List<string> { Script(), scenario, "--bootstrap", bootstrap };
        args.AddRange(extra);
        var (exit, stdout, stderr) = await ExecAsync(Python, args, TimeSpan.FromMinutes(3));
        exit.Should().Be(0, $"scenario {scenario} failed:\n{stderr}\n{stdout}");
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonDocument.Parse(last).RootElement.Clone();
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> ExecAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? stdin = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Script([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Scripts", "group_scenarios.py");
}
