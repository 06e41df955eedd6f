using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Spool.Broker.Configuration;
using Spool.Broker.Metadata;
using Spool.Testing;

namespace Spool.Broker.Tests.Network;

/// <summary>A broker hosted inside the test process (faster than a child process for protocol-level tests).</summary>
public sealed class InProcessBroker : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly WebApplication _app;

    private InProcessBroker(TempDirectory dir, WebApplication app, int port)
    {
        _dir = dir;
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessBroker> StartAsync(params (string Key, string Value)[] overrides)
    {
        var dir = new TempDirectory("spool-inproc");
        var values = new Dictionary<string, string>
        {
            ["listeners"] = "PLAINTEXT://127.0.0.1:0",
            ["http.listeners"] = "http://127.0.0.1:0",
            ["log.dirs"] = Path.Combine(dir.Path, "data"),
            ["log.level"] = "Warning",
        };
        foreach (var (k, v) in overrides)
        {
            values[k] = v;
        }

        var app = await BrokerHost.StartAsync(BrokerConfig.FromDictionary(values));
        var port = app.Services.GetRequiredService<MetadataManager>().Image.Brokers.Values.Single().Endpoints[0].Port;
        return new InProcessBroker(dir, app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dir.Dispose();
    }
}
