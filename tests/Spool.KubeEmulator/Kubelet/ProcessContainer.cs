using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>One container as an OS process: output captured to a log file, probes over loopback.</summary>
internal sealed class ProcessContainer : IContainerInstance
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) });

    private readonly ContainerLaunch _launch;
    private readonly ProcessStartInfo _psi;
    private readonly ProcessPodRuntime _runtime;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _logGate = new();
    private StreamWriter? _log;
    private Process? _process;

    public ProcessContainer(ContainerLaunch launch, ProcessStartInfo psi, string logPath, ProcessPodRuntime runtime)
    {
        _launch = launch;
        _psi = psi;
        _runtime = runtime;
        LogPath = logPath;
    }

    public Task<int> Exited => _exited.Task;

    public string? LogPath { get; }

    public Task StartAsync()
    {
        _log = new StreamWriter(new FileStream(LogPath!, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var p = new Process { StartInfo = _psi, EnableRaisingEvents = true };
        p.OutputDataReceived += (_, e) => WriteLog(e.Data);
        p.ErrorDataReceived += (_, e) => WriteLog(e.Data);
        p.Exited += (_, _) =>
        {
            // Exited can fire before the output is drained; WaitForExit() waits for both.
            try
            {
                p.WaitForExit();
                _exited.TrySetResult(p.ExitCode);
            }
            catch (InvalidOperationException)
            {
                _exited.TrySetResult(-1);
            }
        };
        if (!p.Start())
        {
            throw new InvalidOperationException($"could not start {_psi.FileName}");
        }
        _process = p;
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    private void WriteLog(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_logGate)
        {
            _log?.WriteLine(line);
        }
    }

    public async Task<bool> ProbeAsync(JsonObject probe, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, Jn.Long(probe, "timeoutSeconds") ?? 1));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            if (probe["httpGet"] is JsonObject http)
            {
                return await HttpGetAsync(http, cts.Token);
            }
            if (probe["tcpSocket"] is JsonObject tcp)
            {
                return await ConnectAsync(_launch.ResolvePort(tcp["port"]), cts.Token);
            }
            if (probe["grpc"] is JsonObject grpc)
            {
                return await ConnectAsync(_launch.ResolvePort(grpc["port"]), cts.Token);
            }
            if (probe["exec"] is JsonObject exec)
            {
                return await ExecAsync(Jn.Strings(exec["command"]), cts.Token) == 0;
            }
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    public async Task RunHandlerAsync(JsonObject handler, CancellationToken ct)
    {
        try
        {
            if (handler["httpGet"] is JsonObject http)
            {
                await HttpGetAsync(http, ct);
            }
            else if (handler["exec"] is JsonObject exec)
            {
                await ExecAsync(Jn.Strings(exec["command"]), ct);
            }
            else if (handler["sleep"] is JsonObject sleep)
            {
                await Task.Delay(TimeSpan.FromSeconds(Jn.Long(sleep, "seconds") ?? 0), ct);
            }
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // A failing hook does not stop termination (the kubelet only records an event).
        }
    }

    private async Task<bool> HttpGetAsync(JsonObject http, CancellationToken ct)
    {
        var port = _launch.ResolvePort(http["port"]);
        var scheme = (Jn.Str(http, "scheme") ?? "HTTP").ToLowerInvariant();
        var path = Jn.Str(http, "path") ?? "/";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{scheme}://127.0.0.1:{port}{(path.StartsWith('/') ? path : "/" + path)}"));
        request.Headers.UserAgent.ParseAdd("kube-probe/1.32");
        foreach (var h in (http["httpHeaders"] as JsonArray ?? []).OfType<JsonObject>())
        {
            request.Headers.TryAddWithoutValidation(Jn.Str(h, "name") ?? "", Jn.Str(h, "value") ?? "");
        }
        using var response = await Http.SendAsync(request, ct);
        return (int)response.StatusCode is >= 200 and < 400;
    }

    private static async Task<bool> ConnectAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, ct);
        return true;
    }

    private async Task<int> ExecAsync(List<string> command, CancellationToken ct)
    {
        if (command.Count == 0)
        {
            return 1;
        }
        var argv = command.Select(a => _runtime.Rewrite(a, _launch)).ToList();
        var psi = new ProcessStartInfo(argv[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _psi.WorkingDirectory };
        foreach (var a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in _launch.Environment)
        {
            psi.Environment[k] = _runtime.Rewrite(v, _launch);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("exec failed");
        var drain = Task.WhenAll(p.StandardOutput.ReadToEndAsync(ct), p.StandardError.ReadToEndAsync(ct));
        try
        {
            await p.WaitForExitAsync(ct);
            await drain;
            return p.ExitCode;
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }
    }

    public async Task StopAsync(TimeSpan gracePeriod, CancellationToken ct)
    {
        var p = _process;
        if (p is null || _exited.Task.IsCompleted)
        {
            return;
        }
        try
        {
            PosixSignals.Terminate(p);
            await _exited.Task.WaitAsync(gracePeriod, ct);
        }
        catch (TimeoutException)
        {
            Kill(p);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        try
        {
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            _exited.TrySetResult(137);
        }
    }

    private static void Kill(Process p)
    {
        try
        {
            p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } p)
        {
            if (!_exited.Task.IsCompleted)
            {
                Kill(p);
                try
                {
                    await _exited.Task.WaitAsync(TimeSpan.FromSeconds(5));
                }
                catch (TimeoutException)
                {
                    _exited.TrySetResult(137);
                }
            }
            p.Dispose();
        }
        lock (_logGate)
        {
            _log?.Dispose();
            _log = null;
        }
    }
}
