using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Configuration;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Kubernetes.Serialization;
using Spool.Observability.Prometheus;
using Spool.Operator.Entities;
using Spool.Operator.Kafka;

namespace Spool.Operator.Hosting;

/// <summary>
/// The operator process: Kubernetes client, informers and the three controllers under leader election, plus the
/// /metrics, /healthz and /readyz listener. SIGTERM stops taking work, finishes in-flight reconciles, releases the
/// Lease (so a standby takes over at once) and exits 0; losing the Lease exits 1 so the pod restarts clean.
/// </summary>
public static partial class OperatorHost
{
    public static async Task<int> RunAsync(OperatorOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(Enum.Parse<LogLevel>(options.LogLevel, ignoreCase: true));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Parse(options.HttpAddress), options.HttpPort));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        await using var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var log = loggers.CreateLogger("Spool.Operator");

        var kube = LoadKubernetesOptions(options);
        kube.FieldManager = options.Settings.FieldManager;
        kube.UserAgent = "spool-operator/0.1.0";
        using var client = new KubernetesClient(kube, new KubernetesSerializer(OperatorJsonContext.Default));
        if (options.RecordCallsFile is { } callLog)
        {
            client.AddObserver(new CallLog(callLog));
        }

        using var metrics = new OperatorMetrics();
        using var exporter = new PrometheusExporter(instrument => ReferenceEquals(instrument.Meter, metrics.Meter), loggers.CreateLogger<PrometheusExporter>());
        using var resolver = CreateResolver(options, loggers);
        await using var admins = new KafkaAdminPool(new KafkaConnectionSettings { AddressMapper = AddressMapper(options, resolver) }, loggers);
        var manager = new ControllerManager(loggers, metrics: metrics);
        Wire(manager, client, admins, options, loggers);

        var identity = options.Identity
            ?? (Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..6]}");
        var elector = options.LeaderElect
            ? new LeaderElector(
                client.Resource<Lease>(),
                new LeaderElectionOptions
                {
                    Namespace = options.LeaseNamespace ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? kube.Namespace,
                    Name = options.LeaseName,
                    Identity = identity,
                    LeaseDuration = options.LeaseDuration,
                    RenewDeadline = options.RenewDeadline,
                    RetryPeriod = options.RetryPeriod,
                    OnNewLeader = leader => log.LogInformation("Leader is now {Leader}", leader),
                },
                loggers.CreateLogger<LeaderElector>(),
                metrics: metrics)
            : null;

        app.Run(context => ServeAsync(context, manager, exporter));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Console.WriteLine($"spool-operator: started identity={identity} http={address} leader-election={(elector is null ? "off" : "on")}");
        log.LogInformation("Watching {Namespaces} on {Server}", options.WatchNamespaces.Count == 0 ? "all namespaces" : string.Join(",", options.WatchNamespaces), kube.Server);

        var exitCode = 0;
        try
        {
            await manager.RunAsync(app.Lifetime.ApplicationStopping, elector);
            log.LogInformation("Stopped");
        }
        catch (LeaderElectionLostException ex)
        {
            log.LogError("{Message} Exiting so that this replica restarts as a standby.", ex.Message);
            exitCode = 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }

        return exitCode;
    }

    private static KubernetesClientOptions LoadKubernetesOptions(OperatorOptions options) =>
        options.Kubeconfig is not null || options.KubeContext is not null || !InClusterConfig.IsInCluster()
            ? KubeConfigLoader.Load(options.Kubeconfig, options.KubeContext)
            : InClusterConfig.Load();

    private static ResolverAddressMapper? CreateResolver(OperatorOptions options, ILoggerFactory loggers) =>
        options.KafkaResolverUrl is { } url
            ? new ResolverAddressMapper(url, options.KafkaResolverTokenFile is { } file ? File.ReadAllText(file).Trim() : null, logger: loggers.CreateLogger<ResolverAddressMapper>())
            : null;

    /// <summary>The static map first, then the resolver; with neither, advertised listeners are dialled as they are (in-cluster).</summary>
    private static Func<string, int, (string Host, int Port)>? AddressMapper(OperatorOptions options, ResolverAddressMapper? resolver)
    {
        var map = options.KafkaAddressMap is { Length: > 0 } text ? StaticAddressMap.Parse(text) : null;
        if (map is null && resolver is null)
        {
            return null;
        }

        return (host, port) => map is not null && map.TryMap(host, port, out var target) ? target : resolver?.Map(host, port) ?? (host, port);
    }

    private static async Task ServeAsync(HttpContext context, ControllerManager manager, PrometheusExporter exporter)
    {
        switch (context.Request.Path.Value)
        {
            case "/metrics":
                context.Response.ContentType = PrometheusExporter.ContentType;
                await exporter.WriteToAsync(context.Response.Body, context.RequestAborted);
                break;
            case "/healthz":
                await context.Response.WriteAsync("ok\n");
                break;
            case "/readyz":
                // Standbys are ready too: their caches are warm, which is what a fast failover needs.
                context.Response.StatusCode = manager.HasSynced ? 200 : 503;
                await context.Response.WriteAsync(manager.HasSynced ? "ok\n" : "informers not synced\n");
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }
}
