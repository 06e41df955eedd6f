using System.Diagnostics;
using System.Text;

namespace Spool.Compat.Tests;

/// <summary>Runs a client script as a child process with a timeout, capturing everything it prints.</summary>
public static class ScriptRunner
{
    public static async Task<ScriptResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? ClientRuntimes.CompatDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Python must not write __pycache__ into the source tree; kafkajs's partitioner notice is noise.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        start.Environment["KAFKAJS_NO_PARTITIONER_WARNING"] = "1";
        var commandLine = $"{fileName} {string.Join(' ', start.ArgumentList)}";
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        // WaitForExitAsync returns after the redirected streams reach end of file, so the output is complete.
        return new ScriptResult(commandLine, timedOut ? -1 : process.ExitCode, timedOut, Read(stdout), Read(stderr));
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sb)
        {
            sb.AppendLine(line);
        }
    }

    private static string Read(StringBuilder sb)
    {
        lock (sb)
        {
            return sb.ToString();
        }
    }
}
