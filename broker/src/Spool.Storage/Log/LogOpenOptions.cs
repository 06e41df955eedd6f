using Spool.Protocol;

namespace Spool.Storage;

/// <summary>What a log needs besides its directory and config when it is opened (normally supplied by <see cref="LogManager"/>).</summary>
public sealed record LogOpenOptions
{
    /// <summary>Written to <c>partition.metadata</c> when the log is created; checked against it when opened.</summary>
    public Uuid? TopicId { get; init; }

    /// <summary>Offset below which the log was fsynced (from the recovery-point checkpoint); recovery scans from its segment on.</summary>
    public long? RecoveryPoint { get; init; }

    /// <summary>Checkpointed log start offset (DeleteRecords may have moved it inside a segment).</summary>
    public long? LogStartOffset { get; init; }

    /// <summary>Checkpointed high watermark (replication-offset-checkpoint).</summary>
    public long? HighWatermark { get; init; }

    /// <summary>Checkpointed offset up to which the log has been compacted (cleaner-offset-checkpoint).</summary>
    public long? CleanerCheckpoint { get; init; }

    /// <summary><c>producer.id.expiration.ms</c>: producers idle this long are forgotten (Kafka's default, one day).</summary>
    public long ProducerIdExpirationMs { get; init; } = 86_400_000;

    /// <summary>True when the log directory had a clean-shutdown marker: recovery is skipped.</summary>
    public bool HadCleanShutdown { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Shared handle and index caches; a private set when null.</summary>
    public StorageResources? Resources { get; init; }

    /// <summary>Receives recovery and background-failure messages (truncated tails, rebuilt indexes).</summary>
    public Action<string>? Log { get; init; }
}
