using Spool.Client;
using Spool.Client.Admin;

namespace Spool.Operator.Kafka;

/// <summary><see cref="IClusterAdmin"/> over Spool.Client's admin client, with a per-operation deadline so a reconcile never hangs on a broker.</summary>
public sealed class KafkaClusterAdmin(KafkaAdminClient client, TimeSpan timeout) : IClusterAdmin, IAsyncDisposable
{
    private readonly AdminOperationOptions _options = new() { Timeout = timeout };

    public Task<ClusterDescription> DescribeClusterAsync(CancellationToken cancellationToken) =>
        client.DescribeClusterAsync(_options, cancellationToken);

    public Task<IReadOnlyList<TopicListing>> ListTopicsAsync(CancellationToken cancellationToken) =>
        client.ListTopicsAsync(new ListTopicsOptions { Timeout = _options.Timeout, ListInternal = true }, cancellationToken);

    public Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        client.DescribeTopicsAsync(topics, _options, cancellationToken);

    public Task<CreateTopicResult> CreateTopicAsync(NewTopic topic, CancellationToken cancellationToken) =>
        client.CreateTopicAsync(topic, new CreateTopicsOptions { Timeout = _options.Timeout }, cancellationToken);

    public async Task CreatePartitionsAsync(string topic, int totalCount, CancellationToken cancellationToken) =>
        (await client.CreatePartitionsAsync(
            new Dictionary<string, NewPartitions> { [topic] = new(totalCount) },
            new CreatePartitionsOptions { Timeout = _options.Timeout },
            cancellationToken)).EnsureSuccess();

    public Task DeleteTopicAsync(string topic, CancellationToken cancellationToken) =>
        client.DeleteTopicAsync(topic, _options, cancellationToken);

    public Task<ConfigDescription> DescribeTopicConfigAsync(string topic, CancellationToken cancellationToken) =>
        client.DescribeConfigAsync(ConfigResource.Topic(topic), new DescribeConfigsOptions { Timeout = _options.Timeout }, cancellationToken);

    public async Task AlterTopicConfigAsync(string topic, IReadOnlyList<AlterConfigOp> changes, CancellationToken cancellationToken) =>
        (await client.IncrementalAlterConfigsAsync(
            new Dictionary<ConfigResource, IReadOnlyList<AlterConfigOp>> { [ConfigResource.Topic(topic)] = changes },
            new AlterConfigsOptions { Timeout = _options.Timeout },
            cancellationToken)).EnsureSuccess();

    public Task<ConsumerGroupDescription> DescribeGroupAsync(string groupId, CancellationToken cancellationToken) =>
        client.DescribeConsumerGroupAsync(groupId, _options, cancellationToken);

    public Task<IReadOnlyList<CommittedOffset>> ListGroupOffsetsAsync(string groupId, CancellationToken cancellationToken) =>
        client.ListConsumerGroupOffsetsAsync(groupId, null, _options, cancellationToken);

    public Task<IReadOnlyList<ListedOffset>> ListOffsetsAsync(IReadOnlyDictionary<TopicPartition, OffsetSpec> specs, CancellationToken cancellationToken) =>
        client.ListOffsetsAsync(specs, new ListOffsetsOptions { Timeout = _options.Timeout }, cancellationToken);

    public Task<IReadOnlyList<PartitionResult>> AlterGroupOffsetsAsync(
        string groupId, IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets, CancellationToken cancellationToken) =>
        client.AlterConsumerGroupOffsetsAsync(groupId, offsets, _options, cancellationToken);

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
