using Spool.Broker.Handlers;
using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Broker.Observability;
using Spool.Broker.Partitions;
using Spool.Observability.Prometheus;

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
        // The broker's own meter only: tests run several brokers in one process, each with its own /metrics.
        services.AddSingleton(sp =>
        {
            var meter = sp.GetRequiredService<BrokerMeter>().Meter;
            return new PrometheusExporter(instrument => ReferenceEquals(instrument.Meter, meter), sp.GetRequiredService<ILogger<PrometheusExporter>>());
        });
        services.AddSingleton<IObservableMetrics, BrokerInfoMetrics>();
        services.AddSingleton<IObservableMetrics, PartitionMetrics>();
        services.AddSingleton<IObservableMetrics, LogDirMetrics>();
        services.AddSingleton<IObservableMetrics, GroupMetrics>();
        services.AddSingleton<Producers.ProducerIdManager>();

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
        services.AddSingleton<Groups.GroupCoordinator>();
        services.AddSingleton<IRequestHandler, Groups.FindCoordinatorHandler>();
        services.AddSingleton<IRequestHandler, Groups.JoinGroupHandler>();
        services.AddSingleton<IRequestHandler, Groups.SyncGroupHandler>();
        services.AddSingleton<IRequestHandler, Groups.HeartbeatHandler>();
        services.AddSingleton<IRequestHandler, Groups.LeaveGroupHandler>();
        services.AddSingleton<IRequestHandler, Groups.OffsetCommitHandler>();
        services.AddSingleton<IRequestHandler, Groups.OffsetFetchHandler>();
        services.AddSingleton<IRequestHandler, Groups.DescribeGroupsHandler>();
        services.AddSingleton<IRequestHandler, Groups.ListGroupsHandler>();
        services.AddSingleton<IRequestHandler, Groups.DeleteGroupsHandler>();
        services.AddSingleton<IRequestHandler, Groups.OffsetDeleteHandler>();
        services.AddSingleton<IRequestHandler, InitProducerIdHandler>();
        services.AddSingleton<IRequestHandler, DescribeProducersHandler>();
    }

    private static partial Task StartServicesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var replicas = services.GetRequiredService<ReplicaManager>();
        replicas.Start();
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();

        // After the replica manager: loading reads the __consumer_offsets partitions it opened. Stopped first, so
        // parked JoinGroup/SyncGroup requests are answered NOT_COORDINATOR before the logs close.
        var groups = services.GetRequiredService<Groups.GroupCoordinator>();
        groups.Start();
        lifetime.ApplicationStopping.Register(groups.Shutdown);

        // Stop taking requests first (Kestrel stops with the host), then close the logs cleanly so the next
        // start skips recovery.
        lifetime.ApplicationStopped.Register(() => replicas.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return Task.CompletedTask;
    }
}
