using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spool.Testing;

namespace Spool.Monitoring.Tests.Support;

/// <summary>
/// A real Prometheus (Debian's) for tests: scrapes one target every second, evaluates the given rule files every
/// second, keeps its data in a temporary directory, listens on 127.0.0.1; killed and cleaned up on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory;
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly HttpClient _http;

    private PrometheusServer(TempDirectory directory, Process process, StringBuilder output, Uri baseAddress)
    {
        _directory = directory;
        _process = process;
        _output = output;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseAddress => _http.BaseAddress!;

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

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port, path /metrics) as job "spool".</summary>
    public static async Task<PrometheusServer> StartAsync(string target, IReadOnlyList<string> ruleFiles)
    {
        var directory = new TempDirectory("spool-prometheus");
        var config = Path.Combine(directory.Path, "prometheus.yml");
        var rules = string.Join("\n", ruleFiles.Select(f => $"  - '{f}'"));
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files:
            {rules}
            scrape_configs:
              - job_name: spool
                static_configs:
                  - targets: ['{target}']
            """);

        var port = FreePort.Next();
        var output = new StringBuilder();
        var start = new ProcessStartInfo("prometheus")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory.Path,
        };
        start.ArgumentList.Add($"--config.file={config}");
        start.ArgumentList.Add($"--storage.tsdb.path={Path.Combine(directory.Path, "data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add("--log.level=warn");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new PrometheusServer(directory, process, output, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        if (!await Eventually.TrueAsync(server.IsReadyAsync, StartTimeout))
        {
            var log = server.Output;
            await server.DisposeAsync();
            throw new InvalidOperationException($"Prometheus did not become ready:\n{log}");
        }

        return server;
    }

    /// <summary>An instant query; returns data.result (an array of {metric, value}).</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        var data = await GetDataAsync($"api/v1/query?query={Uri.EscapeDataString(promql)}");
        return data.GetProperty("result");
    }

    /// <summary>The pending and firing alerts (data.alerts).</summary>
    public async Task<JsonElement> AlertsAsync() => (await GetDataAsync("api/v1/alerts")).GetProperty("alerts");

    /// <summary>Every alerting rule with its state (inactive, pending, firing), by name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AlertRuleStatesAsync()
    {
        var data = await GetDataAsync("api/v1/rules?type=alert");
        return data.GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .GroupBy(r => r.GetProperty("name").GetString()!)
            .ToDictionary(g => g.Key, g => string.Join(",", g.Select(r => r.GetProperty("state").GetString())));
    }

    /// <summary>Health of the scrape target ("up", "down", "unknown") and its last error.</summary>
    public async Task<(string Health, string Error)> TargetAsync()
    {
        var data = await GetDataAsync("api/v1/targets");
        var target = data.GetProperty("activeTargets").EnumerateArray().FirstOrDefault();
        return target.ValueKind == JsonValueKind.Undefined
            ? ("unknown", string.Empty)
            : (target.GetProperty("health").GetString()!, target.GetProperty("lastError").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
            _directory.Dispose();
        }
    }

    private async Task<bool> IsReadyAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"Prometheus exited with code {_process.ExitCode}:\n{Output}");
        }

        try
        {
            using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<JsonElement> GetDataAsync(string relative)
    {
        using var response = await _http.GetAsync(new Uri(relative, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        if (json.RootElement.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus answered {relative} with {body}");
        }

        return json.RootElement.GetProperty("data").Clone();
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
