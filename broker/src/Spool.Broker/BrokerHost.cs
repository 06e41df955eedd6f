using Spool.Broker.Configuration;
using Spool.Broker.Http;
using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Broker.Observability;

namespace Spool.Broker;

/// <summary>Builds and runs a broker: Kafka listeners, HTTP endpoints, metadata, logs and handlers.</summary>
public static partial class BrokerHost
{
    /// <summary>Builds, starts and registers a broker; the returned app is serving when this returns.</summary>
    public static async Task<WebApplication> StartAsync(BrokerConfig config, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(Enum.TryParse<LogLevel>(config.Get(BrokerConfigKeys.LogLevel), true, out var level) ? level : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

        var binder = new ListenerBinder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            binder.Bind(kestrel, config.ClientListeners);
            binder.BindHttp(kestrel, config.HttpListeners);
        });

        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(binder);
        builder.Services.AddSingleton<BrokerMeter>();
        builder.Services.AddSingleton<RequestMetrics>();
        builder.Services.AddSingleton<ConnectionMetrics>();
        builder.Services.AddSingleton<RequestDispatcher>();
        builder.Services.AddSingleton<BrokerReadiness>();
        builder.Services.AddSingleton<MetadataManager>();
        AddBrokerServices(builder.Services);

        var app = builder.Build();
        HealthEndpoints.Map(app, app.Services.GetRequiredService<BrokerReadiness>());
        MapHttp(app);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Spool.Broker");
        foreach (var key in config.UnknownKeys)
        {
            logger.LogWarning("The configuration {Key} was supplied but isn't a known config.", key);
        }

        var metadata = app.Services.GetRequiredService<MetadataManager>();
        metadata.Start();
        await StartServicesAsync(app.Services, cancellationToken);
        await app.StartAsync(cancellationToken);

        var endpoints = config.AdvertisedListeners.Select(a =>
        {
            var bound = config.ClientListeners.FirstOrDefault(l => l.Name == a.Name);
            var port = a.Port == 0 && bound is not null ? binder.BoundPort(bound) : a.Port;
            var host = string.IsNullOrEmpty(a.Host) || a.Host == "0.0.0.0" ? "localhost" : a.Host;
            return new BrokerEndpoint(a.Name, host, port);
        }).ToList();
        await metadata.RegisterSelfAsync(endpoints, cancellationToken);
        app.Services.GetRequiredService<BrokerReadiness>().MarkReady();

        // A single machine-readable line: tests and scripts wait for it and read the bound ports from it.
        var http = string.Join(",", binder.HttpUrls);
        Console.WriteLine($"spool: node {config.NodeId} ready kafka={string.Join(",", endpoints.Select(e => $"{e.ListenerName}://{e.Host}:{e.Port}"))} http={http}");
        return app;
    }

    static partial void AddBrokerServices(IServiceCollection services);

    static partial void MapHttp(WebApplication app);

    private static partial Task StartServicesAsync(IServiceProvider services, CancellationToken cancellationToken);
}
