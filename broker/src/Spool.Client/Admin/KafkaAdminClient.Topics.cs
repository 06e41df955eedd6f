using Spool.Client.Internal;
using Spool.Protocol.Configs;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Admin;

/// <summary>Creating, deleting, listing and describing topics, and adding partitions.</summary>
public sealed partial class KafkaAdminClient
{
    public async Task<IReadOnlyList<CreateTopicResult>> CreateTopicsAsync(IEnumerable<NewTopic> topics, CreateTopicsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = topics.ToList();
        var byName = list.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var timeout = TimeoutOf(options);
        var outcomes = await _core.PerItemAsync<string, CreateTopicResult>("CreateTopics", byName.Keys, timeout, async (pending, ct) =>
        {
            var connection = await _core.ConnectToControllerAsync(ct);
            var response = await KafkaClientCore.SendAsync<CreateTopicsRequest, CreateTopicsResponse>(connection, _ => new CreateTopicsRequest
            {
                Topics = [.. pending.Select(name => ToCreatable(byName[name]))],
                TimeoutMs = Milliseconds(timeout),
                ValidateOnly = options?.ValidateOnly ?? false,
            }, ct);
            return response.Topics.Select(r => new ItemOutcome<string, CreateTopicResult>(
                r.Name,
                new CreateTopicResult(r.Name, r.TopicId, r.NumPartitions, r.ReplicationFactor, ToEntries(r.Configs), null),
                Error(r.ErrorCode, r.ErrorMessage, $"create topic {r.Name}")));
        }, cancellationToken);
        return [.. list.Select(t => outcomes[t.Name] is { Error: null, Result: { } ok } ? ok : new CreateTopicResult(t.Name, Uuid.Zero, -1, -1, [], outcomes[t.Name].Error))];
    }

    /// <summary>Creates one topic; throws <see cref="KafkaException"/> (e.g. TOPIC_ALREADY_EXISTS) on failure.</summary>
    public async Task<CreateTopicResult> CreateTopicAsync(NewTopic topic, CreateTopicsOptions? options = null, CancellationToken cancellationToken = default) =>
        (await CreateTopicsAsync([topic], options, cancellationToken)).EnsureSuccess()[0];

    public async Task<IReadOnlyList<DeleteTopicResult>> DeleteTopicsAsync(IEnumerable<string> topics, AdminOperationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var names = topics.Distinct(StringComparer.Ordinal).ToList();
        var timeout = TimeoutOf(options);
        var outcomes = await _core.PerItemAsync<string, DeleteTopicResult>("DeleteTopics", names, timeout, async (pending, ct) =>
        {
            var connection = await _core.ConnectToControllerAsync(ct);
            var response = await KafkaClientCore.SendAsync<DeleteTopicsRequest, DeleteTopicsResponse>(connection, _ => new DeleteTopicsRequest
            {
                Topics = [.. pending.Select(n => new DeleteTopicsRequest.DeleteTopicState { Name = n })],
                TopicNames = [.. pending],
                TimeoutMs = Milliseconds(timeout),
            }, ct);
            return response.Responses.Where(r => r.Name is not null).Select(r => new ItemOutcome<string, DeleteTopicResult>(
                r.Name!,
                new DeleteTopicResult(r.Name!, null),
                Error(r.ErrorCode, r.ErrorMessage, $"delete topic {r.Name}")));
        }, cancellationToken);
        _core.Metadata.RequestUpdate();
        return [.. names.Select(n => new DeleteTopicResult(n, outcomes[n].Error))];
    }

    public async Task DeleteTopicAsync(string topic, AdminOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        (await DeleteTopicsAsync([topic], options, cancellationToken)).EnsureSuccess();

    public async Task<IReadOnlyList<TopicListing>> ListTopicsAsync(ListTopicsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var metadata = await _core.RetryAsync("ListTopics", TimeoutOf(options), ct => _core.Metadata.RefreshAsync(null, ct), cancellationToken);
        return [.. metadata.Topics.Values
            .Where(t => t.Error == ErrorCode.None && (options?.ListInternal == true || !t.IsInternal))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new TopicListing(t.Name, t.TopicId, t.IsInternal))];
    }

    public async Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IEnumerable<string> topics, AdminOperationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var names = topics.ToList();
        var metadata = await _core.RetryAsync("DescribeTopics", TimeoutOf(options), ct => _core.Metadata.RefreshAsync(names, ct), cancellationToken);
        return [.. names.Select(name =>
        {
            var topic = metadata.Topic(name);
            if (topic is null || topic.Error != ErrorCode.None)
            {
                return new TopicDescription(name, Uuid.Zero, false, [], new KafkaException(topic?.Error ?? ErrorCode.UnknownTopicOrPartition, $"describe topic {name}"));
            }

            var partitions = topic.Partitions
                .Select(p => new TopicPartitionInfo(p.Partition, p.Leader, p.LeaderEpoch, p.Replicas, p.Isr, p.OfflineReplicas))
                .ToList();
            return new TopicDescription(name, topic.TopicId, topic.IsInternal, partitions, null);
        })];
    }

    /// <summary>Describes one topic; throws <see cref="KafkaException"/> (UNKNOWN_TOPIC_OR_PARTITION when it does not exist).</summary>
    public async Task<TopicDescription> DescribeTopicAsync(string topic, AdminOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        (await DescribeTopicsAsync([topic], options, cancellationToken)).EnsureSuccess()[0];

    /// <summary>Raises topics' partition counts to the given totals (Kafka cannot lower them).</summary>
    public async Task<IReadOnlyList<CreatePartitionsResult>> CreatePartitionsAsync(
        IReadOnlyDictionary<string, NewPartitions> newPartitions, CreatePartitionsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newPartitions);
        var timeout = TimeoutOf(options);
        var outcomes = await _core.PerItemAsync<string, bool>("CreatePartitions", [.. newPartitions.Keys], timeout, async (pending, ct) =>
        {
            var connection = await _core.ConnectToControllerAsync(ct);
            var response = await KafkaClientCore.SendAsync<CreatePartitionsRequest, CreatePartitionsResponse>(connection, _ => new CreatePartitionsRequest
            {
                Topics = [.. pending.Select(name => new CreatePartitionsRequest.CreatePartitionsTopic
                {
                    Name = name,
                    Count = newPartitions[name].TotalCount,
                    Assignments = newPartitions[name].Assignments?.Select(a => new CreatePartitionsRequest.CreatePartitionsAssignment { BrokerIds = [.. a] }).ToList(),
                })],
                TimeoutMs = Milliseconds(timeout),
                ValidateOnly = options?.ValidateOnly ?? false,
            }, ct);
            return response.Results.Select(r => new ItemOutcome<string, bool>(r.Name, r.ErrorCode == 0, Error(r.ErrorCode, r.ErrorMessage, $"create partitions of {r.Name}")));
        }, cancellationToken);
        _core.Metadata.RequestUpdate();
        return [.. newPartitions.Keys.Select(name => new CreatePartitionsResult(name, outcomes[name].Error))];
    }

    private static CreateTopicsRequest.CreatableTopic ToCreatable(NewTopic topic) => new()
    {
        Name = topic.Name,
        NumPartitions = topic.NumPartitions ?? -1,
        ReplicationFactor = topic.ReplicationFactor ?? -1,
        Assignments = [.. topic.ReplicaAssignments.OrderBy(a => a.Key).Select(a => new CreateTopicsRequest.CreatableReplicaAssignment
        {
            PartitionIndex = a.Key,
            BrokerIds = [.. a.Value],
        })],
        Configs = [.. topic.Configs.Select(c => new CreateTopicsRequest.CreatableTopicConfig { Name = c.Key, Value = c.Value })],
    };

    private static List<ConfigEntry> ToEntries(List<CreateTopicsResponse.CreatableTopicConfigs>? configs) =>
        configs is null
            ? []
            : [.. configs.Select(c => new ConfigEntry(c.Name, c.Value, (ConfigSource)c.ConfigSource, c.ReadOnly, c.IsSensitive, []))];
}
