using System.Collections.Frozen;
using System.Globalization;
using Spool.Protocol.Configs;
using Spool.Protocol.Records;

namespace Spool.Storage;

/// <summary>
/// The effective, immutable config of one topic's logs: per-topic overrides on top of the broker's
/// <see cref="LogDefaults"/>. Replace a log's config by building a new one (AlterConfigs).
/// </summary>
/// <remarks>
/// Durability default: <see cref="FlushMessages"/> and <see cref="FlushMs"/> are <see cref="long.MaxValue"/>, as in
/// Kafka, so appends never call fsync. Acknowledged data is in the page cache, which survives a crash of the broker
/// process (kill -9); segments are forced to disk when they roll and at clean shutdown, and after a power loss
/// recovery truncates the unflushed tail to the last valid batch. fsync on every append would cap a partition at the
/// disk's sync rate; replication (acks=all, min.insync.replicas) is the intended protection against machine loss.
/// Set <c>flush.messages=1</c> on a topic that must survive power loss on a single node.
/// </remarks>
public sealed class LogConfig
{
    private readonly FrozenDictionary<string, string> _values;

    private LogConfig(LogDefaults defaults, FrozenDictionary<string, string> overrides, FrozenDictionary<string, string> values)
    {
        Defaults = defaults;
        Overrides = overrides;
        _values = values;

        RetentionMs = GetLong(TopicConfigNames.RetentionMs);
        RetentionBytes = GetLong(TopicConfigNames.RetentionBytes);
        SegmentBytes = GetInt(TopicConfigNames.SegmentBytes);
        SegmentMs = GetLong(TopicConfigNames.SegmentMs);
        SegmentJitterMs = GetLong(TopicConfigNames.SegmentJitterMs);
        SegmentIndexBytes = GetInt(TopicConfigNames.SegmentIndexBytes);
        IndexIntervalBytes = GetInt(TopicConfigNames.IndexIntervalBytes);
        MaxMessageBytes = GetInt(TopicConfigNames.MaxMessageBytes);
        MessageTimestampType = values[TopicConfigNames.MessageTimestampType] == "LogAppendTime"
            ? TimestampType.LogAppendTime
            : TimestampType.CreateTime;
        CleanupPolicy = ParseCleanupPolicy(values[TopicConfigNames.CleanupPolicy]);
        MinInSyncReplicas = GetInt(TopicConfigNames.MinInSyncReplicas);
        FlushMessages = GetLong(TopicConfigNames.FlushMessages);
        FlushMs = GetLong(TopicConfigNames.FlushMs);
        DeleteRetentionMs = GetLong(TopicConfigNames.DeleteRetentionMs);
        FileDeleteDelayMs = GetLong(TopicConfigNames.FileDeleteDelayMs);
        CompressionType = values[TopicConfigNames.CompressionType].Trim();
        UncleanLeaderElectionEnable = bool.Parse(values[TopicConfigNames.UncleanLeaderElectionEnable].Trim());
        MessageTimestampDifferenceMaxMs = GetLong(TopicConfigNames.MessageTimestampDifferenceMaxMs);
        var before = GetLong(TopicConfigNames.MessageTimestampBeforeMaxMs);
        var after = GetLong(TopicConfigNames.MessageTimestampAfterMaxMs);

        // Kafka: the deprecated difference setting applies to a side that was left at its default.
        MessageTimestampBeforeMaxMs = before != long.MaxValue ? before : MessageTimestampDifferenceMaxMs;
        MessageTimestampAfterMaxMs = after != long.MaxValue ? after : MessageTimestampDifferenceMaxMs;
        MinCompactionLagMs = GetLong(TopicConfigNames.MinCompactionLagMs);
        MaxCompactionLagMs = GetLong(TopicConfigNames.MaxCompactionLagMs);
        MinCleanableDirtyRatio = double.Parse(values[TopicConfigNames.MinCleanableDirtyRatio].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Kafka's defaults, no overrides.</summary>
    public static LogConfig Default { get; } = Create(new Dictionary<string, string?>());

    public LogDefaults Defaults { get; }

    /// <summary>The per-topic overrides this config was built from (what AlterConfigs replaces).</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; }

    public long RetentionMs { get; }

    public long RetentionBytes { get; }

    public int SegmentBytes { get; }

    public long SegmentMs { get; }

    public long SegmentJitterMs { get; }

    public int SegmentIndexBytes { get; }

    public int IndexIntervalBytes { get; }

    public int MaxMessageBytes { get; }

    public TimestampType MessageTimestampType { get; }

    public CleanupPolicy CleanupPolicy { get; }

    public int MinInSyncReplicas { get; }

    /// <summary>fsync after this many appended records; <see cref="long.MaxValue"/> (the default) never.</summary>
    public long FlushMessages { get; }

    /// <summary>fsync when unflushed data is this old; <see cref="long.MaxValue"/> (the default) never.</summary>
    public long FlushMs { get; }

    public long DeleteRetentionMs { get; }

    public long FileDeleteDelayMs { get; }

    /// <summary>Stored and reported only: Spool keeps batches as produced and never recompresses.</summary>
    public string CompressionType { get; }

    public bool UncleanLeaderElectionEnable { get; }

    public long MessageTimestampDifferenceMaxMs { get; }

    /// <summary>Effective limit (the deprecated difference setting applies when this one is left at its default).</summary>
    public long MessageTimestampBeforeMaxMs { get; }

    /// <summary>Effective limit (the deprecated difference setting applies when this one is left at its default).</summary>
    public long MessageTimestampAfterMaxMs { get; }

    public long MinCompactionLagMs { get; }

    public long MaxCompactionLagMs { get; }

    public double MinCleanableDirtyRatio { get; }

    /// <summary>
    /// The age at which the active segment rolls: segment.ms, or max.compaction.lag.ms when that is smaller on a
    /// compacted topic (the active segment is never cleaned, so it must roll for the lag bound to hold), as Kafka does.
    /// </summary>
    public long MaxSegmentMs => CleanupPolicy.HasFlag(CleanupPolicy.Compact) && MaxCompactionLagMs > 0 ? Math.Min(MaxCompactionLagMs, SegmentMs) : SegmentMs;

    /// <summary>Offset index capacity in entries (8 bytes each); the segment rolls when it is full.</summary>
    public int MaxIndexEntries => SegmentIndexBytes / 8;

    /// <summary>Time index capacity in entries (12 bytes each); the segment rolls when it is full.</summary>
    public int MaxTimeIndexEntries => SegmentIndexBytes / 12;

    /// <summary>Builds a config from per-topic overrides on top of <paramref name="defaults"/> (Kafka's when null).</summary>
    /// <exception cref="ConfigException">An override is unknown, null or invalid.</exception>
    public static LogConfig Create(IReadOnlyDictionary<string, string?> overrides, LogDefaults? defaults = null) =>
        TryCreate(overrides, defaults, out var config, out var error) ? config : throw new ConfigException(error);

    /// <summary>As <see cref="Create"/>, returning the INVALID_CONFIG message instead of throwing.</summary>
    public static bool TryCreate(
        IReadOnlyDictionary<string, string?> overrides,
        LogDefaults? defaults,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LogConfig? config,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        defaults ??= LogDefaults.Kafka;
        config = null;
        error = TopicConfigCatalog.Validate(overrides);
        if (error is not null)
        {
            return false;
        }

        var cleanOverrides = overrides.ToFrozenDictionary(kv => kv.Key, kv => kv.Value!.Trim(), StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in TopicConfigCatalog.All)
        {
            values[definition.Name] = cleanOverrides.TryGetValue(definition.Name, out var value) ? value : defaults.GetValue(definition.Name);
        }

        var candidate = new LogConfig(defaults, cleanOverrides, values.ToFrozenDictionary(StringComparer.Ordinal));
        if (candidate.MinCompactionLagMs > candidate.MaxCompactionLagMs)
        {
            error = $"conflict topic config setting {TopicConfigNames.MinCompactionLagMs} ({candidate.MinCompactionLagMs}) > " +
                $"{TopicConfigNames.MaxCompactionLagMs} ({candidate.MaxCompactionLagMs})";
            return false;
        }

        config = candidate;
        return true;
    }

    /// <summary>The same overrides on top of new broker defaults (after a broker-level config change).</summary>
    public LogConfig WithDefaults(LogDefaults defaults) =>
        Create(Overrides.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal), defaults);

    /// <summary>The effective value of a config as a string (as DescribeConfigs shows it).</summary>
    public string GetValue(string name) => _values[name];

    /// <summary>Every topic config with its effective value, source and synonyms, in name order.</summary>
    public IReadOnlyList<ConfigEntryInfo> Describe()
    {
        var entries = new List<ConfigEntryInfo>(TopicConfigCatalog.All.Count);
        foreach (var definition in TopicConfigCatalog.All)
        {
            entries.Add(Describe(definition));
        }

        return entries;
    }

    /// <summary>One config's description, or null for an unknown name.</summary>
    public ConfigEntryInfo? Describe(string name) =>
        TopicConfigCatalog.TryGet(name, out var definition) ? Describe(definition) : null;

    private ConfigEntryInfo Describe(TopicConfigDefinition definition)
    {
        var resolved = Defaults.Get(definition.Name);
        var synonyms = new List<ConfigSynonymInfo>(resolved.Synonyms.Count + 1);
        ConfigSource source;
        if (Overrides.TryGetValue(definition.Name, out var overridden))
        {
            synonyms.Add(new ConfigSynonymInfo(definition.Name, overridden, ConfigSource.DynamicTopicConfig));
            source = ConfigSource.DynamicTopicConfig;
        }
        else
        {
            source = resolved.Source;
        }

        synonyms.AddRange(resolved.Synonyms);
        return new ConfigEntryInfo(definition.Name, _values[definition.Name], source, definition.Type, definition.Documentation, synonyms);
    }

    private long GetLong(string name) => long.Parse(_values[name], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private int GetInt(string name) => int.Parse(_values[name], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static CleanupPolicy ParseCleanupPolicy(string value)
    {
        var policy = CleanupPolicy.None;
        foreach (var item in TopicConfigDefinition.SplitList(value))
        {
            policy |= item switch
            {
                "delete" => CleanupPolicy.Delete,
                "compact" => CleanupPolicy.Compact,
                _ => CleanupPolicy.None,
            };
        }

        return policy;
    }
}
