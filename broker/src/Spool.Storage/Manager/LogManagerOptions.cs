using System.Globalization;

namespace Spool.Storage;

/// <summary>Broker-level storage settings for a <see cref="LogManager"/>, by Kafka's property names where Kafka has one.</summary>
public sealed record LogManagerOptions
{
    /// <summary><c>log.dirs</c>: directories holding partition directories.</summary>
    public required IReadOnlyList<string> LogDirs { get; init; }

    /// <summary>Topic config defaults from the broker properties.</summary>
    public LogDefaults Defaults { get; init; } = LogDefaults.Kafka;

    /// <summary>
    /// The config of a topic's logs when they are loaded at startup (the broker answers from its metadata);
    /// when null, every topic gets <see cref="Defaults"/>.
    /// </summary>
    public Func<string, LogConfig>? TopicConfigProvider { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary><c>log.segment.handles.max</c> (Spool): open read handles of inactive segments across all partitions.</summary>
    public int MaxOpenSegmentHandles { get; init; } = StorageResources.DefaultMaxOpenSegmentHandles;

    /// <summary><c>log.index.cache.max.entries</c> (Spool): loaded indexes of inactive segments across all partitions.</summary>
    public int MaxLoadedIndexes { get; init; } = StorageResources.DefaultMaxLoadedIndexes;

    /// <summary><c>log.retention.check.interval.ms</c> (Kafka default 300000).</summary>
    public TimeSpan RetentionCheckInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>log.flush.scheduler.interval.ms</c>: how often topics' <c>flush.ms</c> is checked. Kafka's default
    /// (Long.MAX) never checks, which silently ignores a topic's flush.ms; Spool checks every second.
    /// </summary>
    public TimeSpan FlushCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>log.flush.offset.checkpoint.interval.ms</c> (Kafka default 60000).</summary>
    public TimeSpan RecoveryPointCheckpointInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>log.flush.start.offset.checkpoint.interval.ms</c> (Kafka default 60000).</summary>
    public TimeSpan LogStartOffsetCheckpointInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>replica.high.watermark.checkpoint.interval.ms</c> (Kafka default 5000).</summary>
    public TimeSpan HighWatermarkCheckpointInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>num.recovery.threads.per.data.dir</c> (Kafka default 2): logs loaded in parallel per log dir at startup.</summary>
    public int RecoveryThreadsPerDataDir { get; init; } = 2;

    /// <summary>The log cleaner (compaction) settings.</summary>
    public CleanerOptions Cleaner { get; init; } = new();

    /// <summary><c>producer.id.expiration.ms</c> (Kafka default 86400000): producers idle this long are forgotten.</summary>
    public long ProducerIdExpirationMs { get; init; } = 86_400_000;

    /// <summary><c>producer.id.expiration.check.interval.ms</c> (Kafka default 600000).</summary>
    public TimeSpan ProducerIdExpirationCheckInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Receives recovery, retention and background-failure messages.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Reads the storage settings from broker properties (<c>log.dirs</c> or <c>log.dir</c>, the intervals above, the
    /// cache sizes and every topic-config synonym such as <c>log.retention.hours</c>).
    /// </summary>
    /// <exception cref="ConfigException">A value is invalid.</exception>
    public static LogManagerOptions FromBrokerProperties(IReadOnlyDictionary<string, string> properties, TimeProvider? timeProvider = null)
    {
        var dirs = properties.TryGetValue("log.dirs", out var list) || properties.TryGetValue("log.dir", out list)
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : ["./data"];
        if (dirs.Length == 0)
        {
            throw new ConfigException("Invalid value for configuration log.dirs: at least one directory is required");
        }

        return new LogManagerOptions
        {
            LogDirs = dirs,
            Defaults = LogDefaults.FromBrokerProperties(properties),
            TimeProvider = timeProvider ?? TimeProvider.System,
            MaxOpenSegmentHandles = (int)Number(properties, "log.segment.handles.max", StorageResources.DefaultMaxOpenSegmentHandles, 1, int.MaxValue),
            MaxLoadedIndexes = (int)Number(properties, "log.index.cache.max.entries", StorageResources.DefaultMaxLoadedIndexes, 1, int.MaxValue),
            RetentionCheckInterval = Millis(properties, "log.retention.check.interval.ms", 300_000),
            FlushCheckInterval = Millis(properties, "log.flush.scheduler.interval.ms", 1_000),
            RecoveryPointCheckpointInterval = Millis(properties, "log.flush.offset.checkpoint.interval.ms", 60_000),
            LogStartOffsetCheckpointInterval = Millis(properties, "log.flush.start.offset.checkpoint.interval.ms", 60_000),
            HighWatermarkCheckpointInterval = Millis(properties, "replica.high.watermark.checkpoint.interval.ms", 5_000),
            RecoveryThreadsPerDataDir = (int)Number(properties, "num.recovery.threads.per.data.dir", 2, 1, 1024),
            Cleaner = new CleanerOptions
            {
                Enabled = Flag(properties, "log.cleaner.enable", true),
                Threads = (int)Number(properties, "log.cleaner.threads", 1, 0, 64),
                Backoff = Millis(properties, "log.cleaner.backoff.ms", 15_000),
                DedupeBufferSize = Number(properties, "log.cleaner.dedupe.buffer.size", 128L << 20, 1 << 20, long.MaxValue),
                IoBufferSize = (int)Number(properties, "log.cleaner.io.buffer.size", 512 << 10, 4096, 64 << 20),
            },
            ProducerIdExpirationMs = Number(properties, "producer.id.expiration.ms", 86_400_000, 1, long.MaxValue),
            ProducerIdExpirationCheckInterval = Millis(properties, "producer.id.expiration.check.interval.ms", 600_000),
        };
    }

    private static bool Flag(IReadOnlyDictionary<string, string> properties, string name, bool fallback)
    {
        if (!properties.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        return bool.TryParse(raw.Trim(), out var value)
            ? value
            : throw new ConfigException($"Invalid value {raw} for configuration {name}: Expected value to be either true or false");
    }

    private static TimeSpan Millis(IReadOnlyDictionary<string, string> properties, string name, long fallback) =>
        TimeSpan.FromMilliseconds(Math.Min(Number(properties, name, fallback, 1, long.MaxValue), (long)int.MaxValue * 1000));

    private static long Number(IReadOnlyDictionary<string, string> properties, string name, long fallback, long min, long max)
    {
        if (!properties.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        if (!long.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new ConfigException($"Invalid value {raw} for configuration {name}: Not a number of type LONG");
        }

        if (value < min)
        {
            throw new ConfigException($"Invalid value {raw} for configuration {name}: Value must be at least {min}");
        }

        return Math.Min(value, max);
    }
}
