using Spool.Broker.Metadata;
using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>Creating __consumer_offsets on demand, with Kafka's settings for it.</summary>
public sealed partial class GroupCoordinator
{
    private const string CleanupPolicy = "cleanup.policy";

    /// <summary>
    /// Creates __consumer_offsets if it does not exist yet (the first FindCoordinator does this, as in Kafka) and
    /// waits for the group's partition to load when the topic was just created (an empty partition loads at once).
    /// Returns COORDINATOR_NOT_AVAILABLE when the topic cannot be created (e.g. too few brokers for its
    /// replication factor).
    /// </summary>
    public async Task<ErrorCode> EnsureOffsetsTopicAsync(string groupId, CancellationToken cancellationToken)
    {
        if (_metadata.Image.Topics.ContainsKey(OffsetsTopic.Name))
        {
            return ErrorCode.None;
        }

        var created = await _metadata.CreateTopicAsync(
            OffsetsTopic.Name,
            _config.OffsetsTopicNumPartitions,
            _config.OffsetsTopicReplicationFactor,
            null,
            OffsetsTopicConfigs(),
            validateOnly: false,
            cancellationToken);
        if (created.Error is not (ErrorCode.None or ErrorCode.TopicAlreadyExists))
        {
            _logger.LogWarning("Could not create {Topic}: {Error} {Message}", OffsetsTopic.Name, created.Error, created.Message);
            return ErrorCode.CoordinatorNotAvailable;
        }

        _logger.LogInformation("Created {Topic} with {Partitions} partitions", OffsetsTopic.Name, _config.OffsetsTopicNumPartitions);
        if (_owned.TryGetValue(PartitionFor(groupId), out var partition))
        {
            await partition.Loaded.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return ErrorCode.None;
    }

    /// <summary>
    /// Kafka's settings for the topic: compacted (the latest record per key is the state), segments of
    /// offsets.topic.segment.bytes, batches kept as written. While storage does not accept compaction yet, the
    /// topic keeps every record instead (delete policy with unlimited retention), which loads to the same state,
    /// and <see cref="UpgradeOffsetsTopicPolicyAsync"/> switches it to compaction once storage supports it.
    /// </summary>
    private Dictionary<string, string?> OffsetsTopicConfigs()
    {
        var configs = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["segment.bytes"] = _config.OffsetsTopicSegmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["compression.type"] = "producer",
        };
        if (_topicConfigs.Validate(CleanupPolicy, "compact") is null)
        {
            configs[CleanupPolicy] = "compact";
        }
        else
        {
            configs[CleanupPolicy] = "delete";
            configs["retention.ms"] = "-1";
        }

        return configs;
    }

    private async Task UpgradeOffsetsTopicPolicyAsync()
    {
        try
        {
            if (!_metadata.Image.Topics.TryGetValue(OffsetsTopic.Name, out var topic)
                || !topic.Configs.TryGetValue(CleanupPolicy, out var policy)
                || policy != "delete"
                || _topicConfigs.Validate(CleanupPolicy, "compact") is not null)
            {
                return;
            }

            var result = await _metadata.AlterTopicConfigsAsync(OffsetsTopic.Name, [new ConfigChange(CleanupPolicy, "compact")], validateOnly: false);
            if (result.Error == ErrorCode.None)
            {
                _logger.LogInformation("{Topic} is now compacted", OffsetsTopic.Name);
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Could not switch {Topic} to compaction", OffsetsTopic.Name);
        }
    }
}
