using System.Globalization;
using Spool.Broker.Configuration;

namespace Spool.Broker.Groups;

/// <summary>
/// The coordinator's settings, by Kafka's broker config names and defaults (except the replication factor of
/// the offsets topic, which defaults to 1 so that a single node works).
/// </summary>
public sealed record GroupCoordinatorConfig
{
    public const string OffsetMetadataMaxBytesKey = "offset.metadata.max.bytes";
    public const string OffsetsRetentionCheckIntervalMsKey = "offsets.retention.check.interval.ms";
    public const string OffsetsTopicSegmentBytesKey = "offsets.topic.segment.bytes";
    public const string OffsetsLoadBufferSizeKey = "offsets.load.buffer.size";
    public const string GroupMaxSizeKey = "group.max.size";

    public int OffsetsTopicNumPartitions { get; init; } = 50;

    public short OffsetsTopicReplicationFactor { get; init; } = 1;

    public int OffsetsTopicSegmentBytes { get; init; } = 104_857_600;

    public long OffsetsRetentionMs { get; init; } = 7L * 24 * 60 * 60 * 1000;

    public long OffsetsRetentionCheckIntervalMs { get; init; } = 600_000;

    public int OffsetMetadataMaxBytes { get; init; } = 4096;

    public int OffsetsLoadBufferSize { get; init; } = 5 * 1024 * 1024;

    public int GroupMinSessionTimeoutMs { get; init; } = 6000;

    public int GroupMaxSessionTimeoutMs { get; init; } = 1_800_000;

    public int GroupInitialRebalanceDelayMs { get; init; } = 3000;

    public int GroupMaxSize { get; init; } = int.MaxValue;

    public static GroupCoordinatorConfig From(BrokerConfig config) => new()
    {
        OffsetsTopicNumPartitions = config.GetInt(BrokerConfigKeys.OffsetsTopicNumPartitions),
        OffsetsTopicReplicationFactor = short.Parse(config.Get(BrokerConfigKeys.OffsetsTopicReplicationFactor)!, CultureInfo.InvariantCulture),
        OffsetsRetentionMs = config.GetLong(BrokerConfigKeys.OffsetsRetentionMinutes) * 60_000L,
        GroupInitialRebalanceDelayMs = config.GetInt(BrokerConfigKeys.GroupInitialRebalanceDelayMs),
        GroupMinSessionTimeoutMs = config.GetInt(BrokerConfigKeys.GroupMinSessionTimeoutMs),
        GroupMaxSessionTimeoutMs = config.GetInt(BrokerConfigKeys.GroupMaxSessionTimeoutMs),
        OffsetsRetentionCheckIntervalMs = Long(config, OffsetsRetentionCheckIntervalMsKey, 600_000),
        OffsetMetadataMaxBytes = (int)Long(config, OffsetMetadataMaxBytesKey, 4096),
        OffsetsTopicSegmentBytes = (int)Long(config, OffsetsTopicSegmentBytesKey, 104_857_600),
        OffsetsLoadBufferSize = (int)Long(config, OffsetsLoadBufferSizeKey, 5 * 1024 * 1024),
        GroupMaxSize = (int)Long(config, GroupMaxSizeKey, int.MaxValue),
    };

    // Keys Spool's config catalog does not list yet: read when set, else Kafka's default.
    private static long Long(BrokerConfig config, string key, long fallback)
    {
        var value = config.Get(key);
        if (value is null)
        {
            return fallback;
        }

        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new BrokerConfigException($"Invalid value {value} for configuration {key}: expected a number");
    }
}
