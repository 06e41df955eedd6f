using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Spool.Testing;

/// <summary>
/// A real broker process for tests: <c>dotnet spool-broker.dll</c> from the test's output directory (a test
/// project gets it by referencing Spool.Broker), listening on 127.0.0.1 with OS-chosen ports, data in a
/// temporary directory that is deleted on dispose. Restarts keep the data and the ports.
/// </summary>
public sealed partial class BrokerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _overrides;
    private readonly TempDirectory? _ownedDirectory;
    private Process? _process;

    private BrokerProcess(string dataRoot, Dictionary<string, string> overrides, TempDirectory? owned)
    {
        DataRoot = dataRoot;
        _overrides = overrides;
        _ownedDirectory = owned;
    }

    /// <summary>The directory holding the broker's log dirs.</summary>
    public string DataRoot { get; }

    public string LogDir => Path.Combine(DataRoot, "data");

    /// <summary>host:port of the Kafka listener.</summary>
    public string BootstrapServers { get; private set; } = string.Empty;

    public int KafkaPort { get; private set; }

    /// <summary>Base URL of the HTTP listener (metrics, health).</summary>
    public string HttpUrl { get; private set; } = string.Empty;

    public int? ProcessId => _process?.Id;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the broker wrote to stdout and stderr so far (for failure messages).</summary>
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

    /// <summary>Starts a broker; <paramref name="overrides"/> are extra --override key=value configs.</summary>
    public static async Task<BrokerProcess> StartAsync(IReadOnlyDictionary<string, string>? overrides = null, string? dataRoot = null, TimeSpan? timeout = null)
    {
        TempDirectory? owned = null;
        if (dataRoot is null)
        {
            owned = new TempDirectory("spool-broker");
            dataRoot = owned.Path;
        }

        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listeners"] = "PLAINTEXT://127.0.0.1:0",
            ["http.listeners"] = "http://127.0.0.1:0",
            ["log.dirs"] = Path.Combine(dataRoot, "data"),
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>())
        {
            all[k] = v;
        }

        var broker = new BrokerProcess(dataRoot, all, owned);
        await broker.LaunchAsync(timeout ?? TimeSpan.FromSeconds(60));
        return broker;
    }

    /// <summary>SIGTERM and wait for a clean exit (the broker flushes and checkpoints its logs).</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process is not { HasExited: false } p)
        {
            return;
        }

        SendSigterm(p.Id);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    /// <summary>SIGKILL: the process dies at once, mid-write if it was writing.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } p)
        {
            return;
        }

        p.Kill(entireProcessTree: true);
        await p.WaitForExitAsync();
    }

    /// <summary>Starts the broker again on the same data and the same ports.</summary>
    public async Task RestartAsync(bool clean = true, TimeSpan? timeout = null)
    {
        if (clean)
        {
            await StopAsync();
        }
        else
        {
            await KillAsync();
        }

        _overrides["listeners"] = $"PLAINTEXT://127.0.0.1:{KafkaPort}";
        _overrides["http.listeners"] = HttpUrl;
        await LaunchAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process?.Dispose();
            _ownedDirectory?.Dispose();
        }
    }

    private async Task LaunchAsync(TimeSpan timeout)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "spool-broker.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("spool-broker.dll is not next to the test assembly; reference Spool.Broker from the test project", dll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataRoot,
        };
        start.ArgumentList.Add(dll);
        foreach (var (k, v) in _overrides)
        {
            start.ArgumentList.Add("--override");
            start.ArgumentList.Add($"{k}={v}");
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("SPOOL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, ready);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"broker exited with code {SafeExitCode(process)} before it was ready:\n{Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var line = await ready.Task.WaitAsync(timeout).ConfigureAwait(false);
        var match = ReadyLine().Match(line);
        KafkaPort = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        BootstrapServers = $"{match.Groups["host"].Value}:{KafkaPort}";
        HttpUrl = match.Groups["http"].Value.Split(',')[0];
    }

    private void OnLine(string? line, TaskCompletionSource<string> ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ReadyLine().IsMatch(line))
        {
            ready.TrySetResult(line);
        }
    }

    private static int SafeExitCode(Process p)
    {
        try
        {
            return p.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private static void SendSigterm(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit();
    }

    [GeneratedRegex(@"^spool: node \d+ ready kafka=[A-Z_]+://(?<host>[^:,\s]+):(?<port>\d+)\S* http=(?<http>\S+)")]
    private static partial Regex ReadyLine();
}
