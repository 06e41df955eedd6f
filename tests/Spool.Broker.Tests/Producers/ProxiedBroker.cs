using Spool.Testing;

namespace Spool.Broker.Tests.Producers;

/// <summary>
/// A broker process reached only through a <see cref="KafkaFaultProxy"/>: it listens on a port picked beforehand and
/// advertises the proxy's, so clients send every request through the proxy. Restarts (clean or kill -9) keep the
/// data, the ports and the proxy.
/// </summary>
internal sealed class ProxiedBroker : IAsyncDisposable
{
    private readonly TempDirectory _data = new("spool-producers");
    private readonly Dictionary<string, string> _overrides;
    private BrokerProcess? _broker;

    private ProxiedBroker(IReadOnlyDictionary<string, string> overrides)
    {
        var port = FreePort.Pick();
        Proxy = KafkaFaultProxy.Start(port);
        _overrides = new Dictionary<string, string>(overrides)
        {
            ["listeners"] = $"PLAINTEXT://127.0.0.1:{port}",
            ["advertised.listeners"] = $"PLAINTEXT://127.0.0.1:{Proxy.Port}",
        };
    }

    public KafkaFaultProxy Proxy { get; }

    /// <summary>The proxy's address: what clients bootstrap from.</summary>
    public string BootstrapServers => $"127.0.0.1:{Proxy.Port}";

    public string Output => _broker?.Output ?? string.Empty;

    public static async Task<ProxiedBroker> StartAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var broker = new ProxiedBroker(overrides ?? new Dictionary<string, string>());
        await broker.LaunchAsync();
        return broker;
    }

    /// <summary>Stops the broker (SIGTERM, or SIGKILL when <paramref name="kill"/>) and starts it again on the same data.</summary>
    public async Task RestartAsync(bool kill)
    {
        if (kill)
        {
            await _broker!.KillAsync();
        }
        else
        {
            await _broker!.StopAsync();
        }

        await _broker.DisposeAsync();
        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        await Proxy.DisposeAsync();
        _data.Dispose();
    }

    private async Task LaunchAsync() => _broker = await BrokerProcess.StartAsync(_overrides, _data.Path);
}
