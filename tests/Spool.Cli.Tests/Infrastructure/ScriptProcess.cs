using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Spool.Cli.Tests.Infrastructure;

/// <summary>Runs a third-party client script to completion and returns the JSON summary it prints last.</summary>
public static class ScriptProcess
{
    public static async Task<JsonElement> RunAsync(ThirdPartyClient client, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var (file, script) = client switch
        {
            ThirdPartyClient.ConfluentKafka => (ThirdPartyClients.Python, "replay_consumer.py"),
            _ => (ThirdPartyClients.Node!, "replay_consumer.js"),
        };
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ThirdPartyClients.ScriptsDirectory,
        };
        start.ArgumentList.Add(Path.Combine(ThirdPartyClients.ScriptsDirectory, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Python must not write __pycache__ into the source tree; kafkajs lives in tests/compat.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        start.Environment["NODE_PATH"] = ThirdPartyClients.NodeModules;
        start.Environment["KAFKAJS_NO_PARTITIONER_WARNING"] = "1";

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var output = Read(stdout);
        var report = $"{file} {string.Join(' ', start.ArgumentList)} exited {(process.HasExited ? process.ExitCode : -1)}\n--- stdout\n{output}\n--- stderr\n{Read(stderr)}";
        process.ExitCode.Should().Be(0, report);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        last.Should().NotBeNull(report);
        return JsonDocument.Parse(last!).RootElement.Clone();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is not null)
        {
            lock (builder)
            {
                builder.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
