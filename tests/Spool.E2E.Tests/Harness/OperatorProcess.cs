using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Spool.E2E.Tests.Harness;

/// <summary>
/// One real operator replica: <c>dotnet spool-operator.dll</c> with a kubeconfig for the API emulator and the
/// emulator's resolver as its Kafka connect hook. Stop sends SIGTERM (graceful, releases the Lease); Kill sends
/// SIGKILL (mid-reconcile, the Lease stays until it expires).
/// </summary>
public sealed partial class OperatorProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OperatorProcess(string identity, Process process)
    {
        Identity = identity;
        _process = process;
    }

    public string Identity { get; }

    /// <summary>Base URL of /metrics, /healthz and /readyz.</summary>
    public string HttpUrl { get; private set; } = "";

    public bool IsRunning => !_process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<OperatorProcess> StartAsync(string identity, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(RepoPaths.Beside("spool-operator.dll"));
        start.ArgumentList.Add("--leader-election-id");
        start.ArgumentList.Add(identity);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("SPOOL_OPERATOR_", StringComparison.Ordinal) || k == "KUBECONFIG").ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var result = new OperatorProcess(identity, process);
        process.OutputDataReceived += (_, e) => result.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => result.OnLine(e.Data);
        process.Exited += (_, _) => result._started.TrySetException(new InvalidOperationException($"spool-operator {identity} exited before it started:\n{result.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var line = await result._started.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        result.HttpUrl = StartedLine().Match(line).Groups["http"].Value.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        return result;
    }

    public async Task<string> MetricsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(HttpUrl.TrimEnd('/') + "/metrics");
    }

    /// <summary>SIGTERM and wait: in-flight reconciles finish and the Lease is released.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"spool-operator {Identity} did not stop on SIGTERM:\n{Output}");
        }
    }

    /// <summary>SIGKILL: the process dies wherever it is, holding its Lease until it expires.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (StartedLine().IsMatch(line))
        {
            _started.TrySetResult(line);
        }
    }

    [GeneratedRegex(@"^spool-operator: started identity=\S+ http=(?<http>\S+)")]
    private static partial Regex StartedLine();
}
