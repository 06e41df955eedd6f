using Spool.Broker.Handlers;
using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Broker.Observability;
using Spool.Broker.Partitions;

namespace Spool.Broker;

/// <summary>Service registrations: the partition layer and one handler per served API.</summary>
public static partial class BrokerHost
{
    static partial void AddBrokerServices(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITopicConfigPolicy, StorageTopicConfigPolicy>();
        services.AddSingleton<ReplicaManager>();
        services.AddSingleton<TopicMetrics>();

        services.AddSingleton<IRequestHandler, ApiVersionsHandler>();
        services.AddSingleton<IRequestHandler, MetadataHandler>();
        services.AddSingleton<IRequestHandler, ProduceHandler>();
        services.AddSingleton<IRequestHandler, FetchHandler>();
        services.AddSingleton<IRequestHandler, ListOffsetsHandler>();
        services.AddSingleton<IRequestHandler, CreateTopicsHandler>();
        services.AddSingleton<IRequestHandler, DeleteTopicsHandler>();
        services.AddSingleton<IRequestHandler, CreatePartitionsHandler>();
        services.AddSingleton<IRequestHandler, DescribeConfigsHandler>();
        services.AddSingleton<IRequestHandler, AlterConfigsHandler>();
        services.AddSingleton<IRequestHandler, IncrementalAlterConfigsHandler>();
        services.AddSingleton<IRequestHandler, DeleteRecordsHandler>();
        services.AddSingleton<IRequestHandler, DescribeClusterHandler>();
        services.AddSingleton<IRequestHandler, OffsetForLeaderEpochHandler>();
        services.AddSingleton<IRequestHandler, DescribeLogDirsHandler>();
    }

    private static partial Task StartServicesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var replicas = services.GetRequiredService<ReplicaManager>();
        replicas.Start();
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();

        // Stop taking requests first (Kestrel stops with the host), then close the logs cleanly so the next
        // start skips recovery.
        lifetime.ApplicationStopped.Register(() => replicas.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return Task.CompletedTask;
    }
}
