using System.Globalization;

namespace Spool.Storage;

/// <summary>File and directory names, as Kafka lays out a log directory.</summary>
internal static class LogFileNames
{
    public const string LogSuffix = ".log";
    public const string IndexSuffix = ".index";
    public const string TimeIndexSuffix = ".timeindex";
    public const string DeletedSuffix = ".deleted";
    public const string CleanedSuffix = ".cleaned";
    public const string SwapSuffix = ".swap";
    public const string TempSuffix = ".tmp";

    public const string PartitionMetadata = "partition.metadata";
    public const string LeaderEpochCheckpoint = "leader-epoch-checkpoint";

    public const string RecoveryPointCheckpoint = "recovery-point-offset-checkpoint";
    public const string LogStartOffsetCheckpoint = "log-start-offset-checkpoint";
    public const string ReplicationOffsetCheckpoint = "replication-offset-checkpoint";
    public const string CleanerOffsetCheckpoint = "cleaner-offset-checkpoint";
    public const string CleanShutdownMarker = ".kafka_cleanshutdown";
    public const string LockFile = ".lock";

    /// <summary>Suffix of a partition directory scheduled for deletion (<c>topic-0.&lt;uuid&gt;-delete</c>).</summary>
    public const string DeleteDirSuffix = "-delete";
    public const string FutureDirSuffix = "-future";
    public const string StrayDirSuffix = "-stray";

    /// <summary>The 20-digit zero-padded base offset Kafka uses for segment file names.</summary>
    public static string BaseName(long baseOffset) => baseOffset.ToString("D20", CultureInfo.InvariantCulture);

    public static string LogFile(string dir, long baseOffset) => Path.Combine(dir, BaseName(baseOffset) + LogSuffix);

    public static string IndexFile(string dir, long baseOffset) => Path.Combine(dir, BaseName(baseOffset) + IndexSuffix);

    public static string TimeIndexFile(string dir, long baseOffset) => Path.Combine(dir, BaseName(baseOffset) + TimeIndexSuffix);

    /// <summary>Parses the base offset from a segment file name such as <c>00000000000000000042.log</c>.</summary>
    public static bool TryParseBaseOffset(string fileName, out long baseOffset)
    {
        var dot = fileName.IndexOf('.', StringComparison.Ordinal);
        var stem = dot < 0 ? fileName : fileName[..dot];
        return long.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out baseOffset) && stem.Length == 20;
    }
}
