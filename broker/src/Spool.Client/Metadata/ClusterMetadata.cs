using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Metadata;

/// <summary>An immutable snapshot of what the client knows about the cluster.</summary>
internal sealed class ClusterMetadata
{
    private ClusterMetadata(
        string? clusterId,
        int controllerId,
        IReadOnlyDictionary<int, BrokerNode> brokers,
        IReadOnlyDictionary<string, TopicMetadata> topics,
        long updatedAt)
    {
        ClusterId = clusterId;
        ControllerId = controllerId;
        Brokers = brokers;
        Topics = topics;
        UpdatedAt = updatedAt;
        TopicNamesById = topics.Values.Where(t => !t.TopicId.IsZero).GroupBy(t => t.TopicId).ToDictionary(g => g.Key, g => g.First().Name);
    }

    public static ClusterMetadata Empty { get; } = new(null, -1, new Dictionary<int, BrokerNode>(), new Dictionary<string, TopicMetadata>(), 0);

    public string? ClusterId { get; }

    public int ControllerId { get; }

    public IReadOnlyDictionary<int, BrokerNode> Brokers { get; }

    public IReadOnlyDictionary<string, TopicMetadata> Topics { get; }

    public IReadOnlyDictionary<Uuid, string> TopicNamesById { get; }

    /// <summary>Environment.TickCount64 of the response this snapshot came from (0: never refreshed).</summary>
    public long UpdatedAt { get; }

    public TopicMetadata? Topic(string name) => Topics.TryGetValue(name, out var topic) ? topic : null;

    /// <summary>The leader of a partition, or -1 when unknown.</summary>
    public int LeaderOf(TopicPartition partition) => Topic(partition.Topic)?.Partition(partition.Partition)?.Leader ?? -1;

    /// <summary>
    /// A new snapshot from a response. A response for all topics replaces the topic list; one for some topics
    /// replaces only those (topics the client asked about and stopped caring for stay until a full refresh).
    /// </summary>
    public ClusterMetadata Apply(MetadataResponse response, bool allTopics, long now)
    {
        var brokers = response.Brokers.ToDictionary(b => b.NodeId, b => new BrokerNode(b.NodeId, b.Host, b.Port, b.Rack));
        var topics = allTopics ? [] : new Dictionary<string, TopicMetadata>(Topics);
        foreach (var t in response.Topics)
        {
            if (t.Name is null)
            {
                continue;
            }

            var partitions = t.Partitions
                .OrderBy(p => p.PartitionIndex)
                .Select(p => new PartitionMetadata(p.PartitionIndex, p.LeaderId, p.LeaderEpoch, p.ReplicaNodes, p.IsrNodes, p.OfflineReplicas, (ErrorCode)p.ErrorCode))
                .ToArray();
            topics[t.Name] = new TopicMetadata(t.Name, t.TopicId, t.IsInternal, partitions, (ErrorCode)t.ErrorCode);
        }

        return new ClusterMetadata(response.ClusterId ?? ClusterId, response.ControllerId, brokers, topics, now);
    }
}
