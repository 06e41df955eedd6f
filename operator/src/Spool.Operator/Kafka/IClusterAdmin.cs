using Spool.Client;
using Spool.Client.Admin;

namespace Spool.Operator.Kafka;

/// <summary>The Kafka admin operations the reconcilers use (an interface so planners and reconcilers can run against fakes).</summary>
public interface IClusterAdmin
{
    Task<ClusterDescription> DescribeClusterAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<TopicListing>> ListTopicsAsync(CancellationToken cancellationToken);

    /// <summary>One description per topic; a missing topic has <see cref="TopicDescription.Error"/> UNKNOWN_TOPIC_OR_PARTITION.</summary>
    Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken);

    Task<CreateTopicResult> CreateTopicAsync(NewTopic topic, CancellationToken cancellationToken);

    Task CreatePartitionsAsync(string topic, int totalCount, CancellationToken cancellationToken);

    Task DeleteTopicAsync(string topic, CancellationToken cancellationToken);

    Task<ConfigDescription> DescribeTopicConfigAsync(string topic, CancellationToken cancellationToken);

    Task AlterTopicConfigAsync(string topic, IReadOnlyList<AlterConfigOp> changes, CancellationToken cancellationToken);

    Task<ConsumerGroupDescription> DescribeGroupAsync(string groupId, CancellationToken cancellationToken);

    Task<IReadOnlyList<CommittedOffset>> ListGroupOffsetsAsync(string groupId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ListedOffset>> ListOffsetsAsync(IReadOnlyDictionary<TopicPartition, OffsetSpec> specs, CancellationToken cancellationToken);

    Task<IReadOnlyList<PartitionResult>> AlterGroupOffsetsAsync(string groupId, IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets, CancellationToken cancellationToken);
}
