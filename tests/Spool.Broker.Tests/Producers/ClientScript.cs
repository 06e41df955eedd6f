using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Spool.Testing;

namespace Spool.Broker.Tests.Producers;

/// <summary>
/// Scripts/producer_scenarios.py (confluent-kafka, i.e. librdkafka) as a child process: one JSON object per line on
/// stdout; a phased producer waits for a line on stdin between phases. Debian's /usr/bin/python3 is the interpreter
/// that has python3-confluent-kafka.
/// </summary>
internal sealed class ClientScript : IAsyncDisposable
{
    private const string Python = ToolPaths.DebianPython;

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private ClientScript(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the script; read its lines with <see cref="ReadAsync"/>.</summary>
    public static ClientScript Start(params string[] args) => new(args);

    /// <summary>Runs the script to its end and returns its last JSON line (asserting exit code 0).</summary>
    public static async Task<JsonElement> RunAsync(params string[] args)
    {
        await using var script = Start(args);
        var result = await script.ReadAsync();
        var exit = await script.WaitAsync();
        exit.Should().Be(0, script.Stderr);
        return result;
    }

    /// <summary>The next JSON line the script prints.</summary>
    public async Task<JsonElement> ReadAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        var line = await _process.StandardOutput.ReadLineAsync(cts.Token)
            ?? throw new InvalidOperationException($"The script ended without output:\n{Stderr}");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>Lets a phased script go on with its next phase.</summary>
    public async Task ContinueAsync()
    {
        await _process.StandardInput.WriteLineAsync();
        await _process.StandardInput.FlushAsync();
    }

    public async Task<int> WaitAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string ScriptPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Scripts", "producer_scenarios.py");
}
