using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Fakes;

/// <summary>
/// An in-memory Kafka cluster of one or more fake brokers sharing state: topics with partition logs,
/// produce/fetch/offset look-ups, topic admin, configs, idempotent producer ids and group offsets. Partition p
/// is led by broker p % brokers unless moved. <see cref="Interceptor"/> can replace any answer to inject faults.
/// </summary>
public sealed partial class FakeCluster : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private long _nextProducerId = 1000;

    public FakeCluster(int brokers = 1)
    {
        Servers = [.. Enumerable.Range(0, brokers).Select(id => new FakeKafkaServer(HandleAsync, id))];
    }

    public IReadOnlyList<FakeKafkaServer> Servers { get; }

    public string BootstrapServers => Servers[0].BootstrapServers;

    public string ClusterId { get; set; } = "fake-cluster-id";

    public int ControllerId { get; set; }

    public int CoordinatorId { get; set; }

    public bool AutoCreateTopics { get; set; }

    public Dictionary<string, FakeTopic> Topics { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeGroup> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers instead of the cluster when it returns non-null (with <see cref="FakeRequestContext.CloseConnection"/>, drops the connection).</summary>
    public Func<FakeRequestContext, IKafkaRequest, IKafkaResponse?>? Interceptor { get; set; }

    /// <summary>While positive, each produce is appended and then its connection dropped unanswered (a lost response).</summary>
    public int DropConnectionAfterProduces { get; set; }

    /// <summary>Every request every broker decoded.</summary>
    public IEnumerable<ReceivedRequest> Received => Servers.SelectMany(s => s.Received);

    public IEnumerable<T> ReceivedOf<T>()
        where T : IKafkaRequest => Received.Select(r => r.Body).OfType<T>();

    public FakeTopic CreateTopic(string name, int partitions = 1)
    {
        lock (_lock)
        {
            var topic = new FakeTopic(name, Uuid.NewRandom());
            for (var i = 0; i < partitions; i++)
            {
                topic.Partitions.Add(new FakePartition(i, i % Servers.Count));
            }

            Topics[name] = topic;
            return topic;
        }
    }

    public FakePartition Partition(string topic, int partition)
    {
        lock (_lock)
        {
            return Topics[topic].Partitions[partition];
        }
    }

    public void MoveLeader(string topic, int partition, int leader)
    {
        lock (_lock)
        {
            var p = Topics[topic].Partitions[partition];
            p.Leader = leader;
            p.LeaderEpoch++;
        }
    }

    private ProduceResponse? ProduceOrDrop(FakeRequestContext context, int node, ProduceRequest request)
    {
        var response = Produce(node, request);
        lock (_lock)
        {
            if (DropConnectionAfterProduces > 0)
            {
                DropConnectionAfterProduces--;
                context.CloseConnection = true;
            }
        }

        return response;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }
    }

    private async ValueTask<IKafkaResponse?> HandleAsync(FakeRequestContext context, IKafkaRequest request)
    {
        if (Interceptor?.Invoke(context, request) is { } injected)
        {
            return injected;
        }

        if (context.CloseConnection)
        {
            return null;
        }

        var node = context.Server.NodeId;
        return request switch
        {
            MetadataRequest r => Metadata(r),
            ProduceRequest r => ProduceOrDrop(context, node, r),
            FetchRequest r => await FetchAsync(node, r, context.Version),
            ListOffsetsRequest r => ListOffsets(node, r),
            DeleteRecordsRequest r => DeleteRecords(node, r),
            CreateTopicsRequest r => CreateTopics(r),
            DeleteTopicsRequest r => DeleteTopics(r, context.Version),
            CreatePartitionsRequest r => CreatePartitions(r),
            DescribeConfigsRequest r => DescribeConfigs(r),
            IncrementalAlterConfigsRequest r => IncrementalAlterConfigs(r),
            AlterConfigsRequest r => AlterConfigs(r),
            DescribeClusterRequest => DescribeCluster(),
            DescribeLogDirsRequest => DescribeLogDirs(),
            InitProducerIdRequest r => InitProducerId(r),
            FindCoordinatorRequest r => FindCoordinator(r),
            OffsetCommitRequest r => OffsetCommit(node, r),
            OffsetFetchRequest r => OffsetFetch(node, r),
            OffsetDeleteRequest r => OffsetDelete(node, r),
            JoinGroupRequest r => await JoinGroupAsync(node, r, context),
            SyncGroupRequest r => await SyncGroupAsync(node, r),
            HeartbeatRequest r => Heartbeat(node, r),
            LeaveGroupRequest r => LeaveGroup(node, r, context.Version),
            ListGroupsRequest => ListGroups(node),
            DescribeGroupsRequest r => DescribeGroups(node, r),
            DeleteGroupsRequest r => DeleteGroups(node, r),
            _ => throw new NotSupportedException($"the fake cluster does not serve {request.Api}"),
        };
    }
}
