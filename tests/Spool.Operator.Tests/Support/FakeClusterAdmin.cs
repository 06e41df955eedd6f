using Spool.Client;
using Spool.Client.Admin;
using Spool.Client.Metadata;
using Spool.Kubernetes.Runtime;
using Spool.Operator.Kafka;
using Spool.Protocol.Configs;
using Spool.Protocol;

namespace Spool.Operator.Tests.Support;

/// <summary>An in-memory Kafka cluster behind <see cref="IClusterAdmin"/>, answering with the errors a broker would.</summary>
public sealed class FakeClusterAdmin : IClusterAdmin, IClusterAdminProvider
{
    private readonly Lock _lock = new();

    public Dictionary<string, FakeTopic> Topics { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeGroup> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Names of the mutating calls, in order.</summary>
    public List<string> Calls { get; } = [];

    public bool Unreachable { get; set; }

    public IClusterAdmin Get(ObjectKey cluster, string bootstrapServers) => this;

    public Task ForgetAsync(ObjectKey cluster) => Task.CompletedTask;

    public Task<ClusterDescription> DescribeClusterAsync(CancellationToken cancellationToken) =>
        Locked(() => new ClusterDescription("fake-cluster-id", new BrokerNode(0, "b0", 9092, null), [new BrokerNode(0, "b0", 9092, null)]));

    public Task<IReadOnlyList<TopicListing>> ListTopicsAsync(CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<TopicListing>>(() => [.. Topics.Select(t => new TopicListing(t.Key, t.Value.Id, false))]);

    public Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<TopicDescription>>(() => [.. topics.Select(name => Topics.TryGetValue(name, out var t)
            ? new TopicDescription(name, t.Id, false, [.. Enumerable.Range(0, t.End.Count).Select(p => new TopicPartitionInfo(p, 0, 0, [0], [0], []))], null)
            : new TopicDescription(name, Uuid.Zero, false, [], new KafkaException(ErrorCode.UnknownTopicOrPartition, $"describe topic {name}")))]);

    public Task<CreateTopicResult> CreateTopicAsync(NewTopic topic, CancellationToken cancellationToken) => Locked(() =>
    {
        if (Topics.ContainsKey(topic.Name))
        {
            throw new KafkaException(ErrorCode.TopicAlreadyExists, topic.Name);
        }

        if (topic.Configs.ContainsKey("bogus.config"))
        {
            throw new KafkaException(ErrorCode.InvalidConfig, "Unknown topic config bogus.config");
        }

        Calls.Add($"create {topic.Name} {topic.NumPartitions}");
        var created = new FakeTopic(Uuid.NewRandom(), topic.NumPartitions ?? 1);
        foreach (var (key, value) in topic.Configs)
        {
            created.Configs[key] = value!;
        }

        Topics[topic.Name] = created;
        return new CreateTopicResult(topic.Name, created.Id, created.End.Count, 1, [], null);
    });

    public Task CreatePartitionsAsync(string topic, int totalCount, CancellationToken cancellationToken) => Locked(() =>
    {
        Calls.Add($"partitions {topic} {totalCount}");
        var t = Topics[topic];
        while (t.End.Count < totalCount)
        {
            t.End.Add(0);
            t.Start.Add(0);
        }

        return true;
    });

    public Task DeleteTopicAsync(string topic, CancellationToken cancellationToken) => Locked(() =>
    {
        Calls.Add($"delete {topic}");
        return Topics.Remove(topic) ? true : throw new KafkaException(ErrorCode.UnknownTopicOrPartition, topic);
    });

    public Task<ConfigDescription> DescribeTopicConfigAsync(string topic, CancellationToken cancellationToken) => Locked(() =>
    {
        var t = Topics.TryGetValue(topic, out var found) ? found : throw new KafkaException(ErrorCode.UnknownTopicOrPartition, topic);
        List<ConfigEntry> entries = [.. t.Configs.Select(c => new ConfigEntry(c.Key, c.Value, ConfigSource.DynamicTopicConfig, false, false, []))];
        if (!t.Configs.ContainsKey("retention.ms"))
        {
            entries.Add(new ConfigEntry("retention.ms", "604800000", ConfigSource.DefaultConfig, false, false, []));
        }

        return new ConfigDescription(ConfigResource.Topic(topic), entries, null);
    });

    public Task AlterTopicConfigAsync(string topic, IReadOnlyList<AlterConfigOp> changes, CancellationToken cancellationToken) => Locked(() =>
    {
        Calls.Add($"configs {topic} {string.Join(",", changes.Select(c => $"{c.Op}:{c.Name}"))}");
        foreach (var change in changes)
        {
            if (change.Op == AlterConfigOpType.Delete)
            {
                Topics[topic].Configs.Remove(change.Name);
            }
            else
            {
                Topics[topic].Configs[change.Name] = change.Value!;
            }
        }

        return true;
    });

    public Task<ConsumerGroupDescription> DescribeGroupAsync(string groupId, CancellationToken cancellationToken) => Locked(() =>
    {
        var group = Groups.GetValueOrDefault(groupId) ?? new FakeGroup { State = "Dead" };
        var members = Enumerable.Range(0, group.Members).Select(i => new MemberDescription($"m{i}", null, "c", "/127.0.0.1", [])).ToList();
        return new ConsumerGroupDescription(groupId, group.State, "consumer", "range", members, null, null);
    });

    public Task<IReadOnlyList<CommittedOffset>> ListGroupOffsetsAsync(string groupId, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<CommittedOffset>>(() => Groups.TryGetValue(groupId, out var group)
            ? [.. group.Committed.Select(c => new CommittedOffset(c.Key, c.Value.Offset, null, c.Value.Metadata, null))]
            : []);

    public Task<IReadOnlyList<ListedOffset>> ListOffsetsAsync(IReadOnlyDictionary<TopicPartition, OffsetSpec> specs, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<ListedOffset>>(() => [.. specs.Select(s =>
        {
            var topic = Topics[s.Key.Topic];
            var offset = s.Value.Timestamp switch
            {
                -2 => topic.Start[s.Key.Partition],
                -1 => topic.End[s.Key.Partition],
                _ => -1,
            };
            return new ListedOffset(s.Key, offset, -1, null, null);
        })]);

    public Task<IReadOnlyList<PartitionResult>> AlterGroupOffsetsAsync(string groupId, IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<PartitionResult>>(() =>
        {
            var group = Groups.TryGetValue(groupId, out var found) ? found : Groups[groupId] = new FakeGroup();
            if (group.Members > 0)
            {
                return [.. offsets.Keys.Select(tp => new PartitionResult(tp, new KafkaException(ErrorCode.UnknownMemberId, "the group has active members")))];
            }

            Calls.Add($"reset {groupId} {string.Join(",", offsets.OrderBy(o => o.Key.Partition).Select(o => $"{o.Key}={o.Value.Offset}"))}");
            foreach (var (tp, offset) in offsets)
            {
                group.Committed[tp] = offset;
            }

            return [.. offsets.Keys.Select(tp => new PartitionResult(tp, null))];
        });

    private Task<T> Locked<T>(Func<T> call)
    {
        if (Unreachable)
        {
            return Task.FromException<T>(new KafkaException(ErrorCode.NetworkException, "connection refused"));
        }

        lock (_lock)
        {
            try
            {
                return Task.FromResult(call());
            }
            catch (KafkaException ex)
            {
                return Task.FromException<T>(ex);
            }
        }
    }
}
