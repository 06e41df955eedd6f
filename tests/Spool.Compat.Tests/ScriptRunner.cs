using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Spool.Compat.Tests;

/// <summary>Runs a client script as a child process with a timeout, capturing everything it prints.</summary>
public static class ScriptRunner
{
    /// <summary>
    /// Runs the script to its end or the timeout. <paramref name="onOutputLine"/>, when given, is called with each stdout
    /// line, in order, while the script runs, and a non-null answer is written to the script's stdin (a script that asks
    /// the test to act, for example to restart the broker, and waits for the answer).
    /// </summary>
    public static async Task<ScriptResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        Func<string, Task<string?>>? onOutputLine = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = onOutputLine is not null,
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
        var lines = onOutputLine is null ? null : Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            Append(stdout, e.Data);
            if (e.Data is not null)
            {
                lines?.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var responder = lines is null ? Task.CompletedTask : RespondAsync(lines.Reader, process, onOutputLine!);
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

        // The callback's own failure (say, a broker that did not come back) is the test's failure.
        lines?.Writer.TryComplete();
        await responder;

        // WaitForExitAsync returns after the redirected streams reach end of file, so the output is complete.
        return new ScriptResult(commandLine, timedOut ? -1 : process.ExitCode, timedOut, Read(stdout), Read(stderr));
    }

    private static async Task RespondAsync(ChannelReader<string> lines, Process process, Func<string, Task<string?>> onOutputLine)
    {
        await foreach (var line in lines.ReadAllAsync())
        {
            string? answer;
            try
            {
                answer = await onOutputLine(line);
            }
            catch
            {
                // The script would wait for an answer that never comes: end it now, then report why.
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (answer is null)
            {
                continue;
            }

            try
            {
                await process.StandardInput.WriteLineAsync(answer);
                await process.StandardInput.FlushAsync();
            }
            catch (IOException)
            {
                // The script exited before reading the answer; its exit code tells the rest.
            }
        }
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
