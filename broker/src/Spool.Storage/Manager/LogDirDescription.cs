using Spool.Protocol;

namespace Spool.Storage;

/// <summary>A log dir with its capacity and partitions (DescribeLogDirs, and the log-dir metrics).</summary>
public sealed record LogDirDescription(string Path, ErrorCode Error, long TotalBytes, long UsableBytes, IReadOnlyList<LogDirPartition> Partitions)
{
    /// <summary>Bytes of all partitions in the dir.</summary>
    public long Size => Partitions.Sum(p => p.Size);
}
