using System.Collections.Frozen;
using System.Globalization;
using Spool.Protocol.Configs;

namespace Spool.Storage;

/// <summary>
/// The topic-level configs Spool knows (for CreateTopics, AlterConfigs, IncrementalAlterConfigs and
/// DescribeConfigs): Kafka's names, types, defaults (Kafka 3.9), broker synonyms and validation rules.
/// </summary>
public static class TopicConfigCatalog
{
    private const string LongMax = "9223372036854775807";

    public static IReadOnlyList<TopicConfigDefinition> All { get; } = Build();

    private static readonly FrozenDictionary<string, TopicConfigDefinition> ByName =
        All.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TopicConfigDefinition? definition) =>
        ByName.TryGetValue(name, out definition);

    /// <summary>Null when <paramref name="value"/> is valid for <paramref name="name"/>, else the INVALID_CONFIG message.</summary>
    public static string? Validate(string name, string? value) =>
        ByName.TryGetValue(name, out var definition) ? definition.Validate(value) : UnknownConfigMessage(name);

    /// <summary>Validates a whole set of overrides, including rules across configs; null when valid.</summary>
    public static string? Validate(IReadOnlyDictionary<string, string?> overrides)
    {
        foreach (var (name, value) in overrides.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var error = Validate(name, value);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    internal static string UnknownConfigMessage(string name) => $"Unknown topic config name: {name}";

    private static TopicConfigDefinition[] Build() =>
    [
        new(
            TopicConfigNames.CleanupPolicy,
            ConfigType.List,
            "delete",
            "A string that is either \"delete\" or \"compact\" or both. The \"delete\" policy discards old segments when their retention time or size limit has been reached. " +
            "The \"compact\" policy enables log compaction, which retains the latest value for each key. It is also possible to specify both policies in a comma-separated list (e.g. \"delete,compact\"): " +
            "old segments are then discarded per the retention time and size configuration, while retained segments are compacted.",
            [new("log.cleanup.policy", DefaultValue: "delete")],
            new ConfigValidator(ValidValues: ["compact", "delete"], ListRule: CheckCleanupPolicy)),
        new(
            TopicConfigNames.CompressionType,
            ConfigType.String,
            "producer",
            "The final compression type for a given topic. Kafka accepts 'uncompressed', 'zstd', 'lz4', 'snappy', 'gzip' and 'producer'. " +
            "Spool stores record batches exactly as the producer compressed them and never recompresses, so every value behaves as 'producer'; the value is kept and reported.",
            [new("compression.type", DefaultValue: "producer")],
            ConfigValidator.OneOf("uncompressed", "zstd", "lz4", "snappy", "gzip", "producer")),
        new(
            TopicConfigNames.DeleteRetentionMs,
            ConfigType.Long,
            "86400000",
            "The amount of time to retain delete tombstone markers for log compacted topics.",
            [new("log.cleaner.delete.retention.ms", DefaultValue: "86400000")],
            ConfigValidator.AtLeast(0)),
        new(
            TopicConfigNames.FileDeleteDelayMs,
            ConfigType.Long,
            "60000",
            "The time to wait before deleting a file from the filesystem.",
            [new("log.segment.delete.delay.ms", DefaultValue: "60000")],
            ConfigValidator.AtLeast(0)),
        new(
            TopicConfigNames.FlushMessages,
            ConfigType.Long,
            LongMax,
            "The number of messages appended to a partition before its data is forced to disk (fsync). The default never forces a flush by count: " +
            "durability comes from replication and from the operating system's page cache, which survives a process crash.",
            [new("log.flush.interval.messages", DefaultValue: LongMax)],
            ConfigValidator.AtLeast(1)),
        new(
            TopicConfigNames.FlushMs,
            ConfigType.Long,
            LongMax,
            "The maximum time in ms that appended data may stay in the page cache before it is forced to disk (fsync). The default never forces a flush by time.",
            [new("log.flush.interval.ms"), new("log.flush.scheduler.interval.ms", DefaultValue: LongMax)],
            ConfigValidator.AtLeast(0)),
        new(
            TopicConfigNames.IndexIntervalBytes,
            ConfigType.Int,
            "4096",
            "How frequently an entry is added to the offset index: more entries make reads jump closer to the exact position but make the index larger.",
            [new("log.index.interval.bytes", DefaultValue: "4096")],
            ConfigValidator.AtLeast(0)),
        new(
            TopicConfigNames.MaxCompactionLagMs,
            ConfigType.Long,
            LongMax,
            "The maximum time a message will remain ineligible for compaction in the log. Only applicable for logs that are being compacted.",
            [new("log.cleaner.max.compaction.lag.ms", DefaultValue: LongMax)],
            ConfigValidator.AtLeast(1)),
        new(
            TopicConfigNames.MaxMessageBytes,
            ConfigType.Int,
            "1048588",
            "The largest record batch size allowed, in bytes (after compression if compression is enabled).",
            [new("message.max.bytes", DefaultValue: "1048588")],
            ConfigValidator.AtLeast(0)),
        new(
            TopicConfigNames.MessageTimestampAfterMaxMs,
            ConfigType.Long,
            LongMax,
            "The maximum allowable timestamp difference between the message timestamp and the broker's timestamp when the message timestamp is later than the broker's timestamp. " +
            "Ignored if message.timestamp.type=LogAppendTime.",
            [new("log.message.timestamp.after.max.ms", DefaultValue: LongMax)],
            ConfigValidator.AtLeast(0)),
        new(
            TopicConfigNames.MessageTimestampBeforeMaxMs,
            ConfigType.Long,
            LongMax,
            "The maximum allowable timestamp difference between the broker's timestamp and the message timestamp when the message timestamp is earlier than or equal to the broker's timestamp. " +
            "Ignored if message.timestamp.type=LogAppendTime.",
            [new("log.message.timestamp.before.max.ms", DefaultValue: LongMax)],
            ConfigValidator.AtLeast(0)),
        new(
            TopicConfigNames.MessageTimestampDifferenceMaxMs,
            ConfigType.Long,
            LongMax,
            "[DEPRECATED] The maximum difference allowed between the timestamp when a broker receives a message and the timestamp specified in the message. " +
            "Used for message.timestamp.before.max.ms and message.timestamp.after.max.ms when those are not set.",
            [new("log.message.timestamp.difference.max.ms", DefaultValue: LongMax)],
            ConfigValidator.AtLeast(0)),
        new(
            TopicConfigNames.MessageTimestampType,
            ConfigType.String,
            "CreateTime",
            "Define whether the timestamp in the message is message create time or log append time.",
            [new("log.message.timestamp.type", DefaultValue: "CreateTime")],
            ConfigValidator.OneOf("CreateTime", "LogAppendTime")),
        new(
            TopicConfigNames.MinCleanableDirtyRatio,
            ConfigType.Double,
            "0.5",
            "How frequently the log compactor will attempt to clean the log (assuming log compaction is enabled).",
            [new("log.cleaner.min.cleanable.ratio", DefaultValue: "0.5")],
            ConfigValidator.Between(0, 1)),
        new(
            TopicConfigNames.MinCompactionLagMs,
            ConfigType.Long,
            "0",
            "The minimum time a message will remain uncompacted in the log. Only applicable for logs that are being compacted.",
            [new("log.cleaner.min.compaction.lag.ms", DefaultValue: "0")],
            ConfigValidator.AtLeast(0)),
        new(
            TopicConfigNames.MinInSyncReplicas,
            ConfigType.Int,
            "1",
            "When a producer sets acks to \"all\" (or \"-1\"), the minimum number of replicas that must acknowledge a write for the write to be considered successful.",
            [new("min.insync.replicas", DefaultValue: "1")],
            ConfigValidator.AtLeast(1)),
        new(
            TopicConfigNames.RetentionBytes,
            ConfigType.Long,
            "-1",
            "The maximum size a partition can grow to before old segments are discarded to free up space. -1 means no size limit.",
            [new("log.retention.bytes", DefaultValue: "-1")]),
        new(
            TopicConfigNames.RetentionMs,
            ConfigType.Long,
            "604800000",
            "The maximum time a log segment is retained (measured from the largest record timestamp in it) before it is discarded. -1 means no time limit.",
            [new("log.retention.ms"), new("log.retention.minutes", 60_000), new("log.retention.hours", 3_600_000, "168")],
            ConfigValidator.AtLeast(-1)),
        new(
            TopicConfigNames.SegmentBytes,
            ConfigType.Int,
            "1073741824",
            "The segment file size of the log. Retention and cleaning are always done a file at a time.",
            [new("log.segment.bytes", DefaultValue: "1073741824")],
            ConfigValidator.AtLeast(14)),
        new(
            TopicConfigNames.SegmentIndexBytes,
            ConfigType.Int,
            "10485760",
            "The size of the index that maps offsets to file positions; the segment rolls when its index is full.",
            [new("log.index.size.max.bytes", DefaultValue: "10485760")],
            ConfigValidator.AtLeast(4)),
        new(
            TopicConfigNames.SegmentJitterMs,
            ConfigType.Long,
            "0",
            "The maximum random jitter subtracted from the scheduled segment roll time to avoid thundering herds of segment rolling.",
            [new("log.roll.jitter.ms"), new("log.roll.jitter.hours", 3_600_000, "0")],
            ConfigValidator.AtLeast(0)),
        new(
            TopicConfigNames.SegmentMs,
            ConfigType.Long,
            "604800000",
            "The period of time after which the log rolls a new segment even if the segment is not full, so that retention can delete or compact old data.",
            [new("log.roll.ms"), new("log.roll.hours", 3_600_000, "168")],
            ConfigValidator.AtLeast(1)),
        new(
            TopicConfigNames.UncleanLeaderElectionEnable,
            ConfigType.Boolean,
            "false",
            "Indicates whether to enable replicas not in the ISR set to be elected as leader as a last resort, even though doing so may result in data loss.",
            [new("unclean.leader.election.enable", DefaultValue: "false")]),
    ];

    private static string? CheckCleanupPolicy(IReadOnlyList<string> items) =>
        items.Count == 0 ? "String must be one of: compact, delete" : null;

    /// <summary>Converts a broker synonym's value into topic units (hours to ms) without overflowing.</summary>
    internal static string ConvertSynonymValue(BrokerSynonym synonym, string value)
    {
        if (synonym.Multiplier == 1)
        {
            return value;
        }

        var number = long.Parse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (number < 0)
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        var converted = number > long.MaxValue / synonym.Multiplier ? long.MaxValue : number * synonym.Multiplier;
        return converted.ToString(CultureInfo.InvariantCulture);
    }
}
