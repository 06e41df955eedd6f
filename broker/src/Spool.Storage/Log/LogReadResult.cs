using System.Buffers;
using Spool.Protocol;

namespace Spool.Storage;

/// <summary>
/// The outcome of <see cref="PartitionLog.Read"/>: whole record batches in a pooled buffer owned by the caller,
/// plus the partition's offsets at the time of the read. Dispose it once the bytes are sent.
/// </summary>
public sealed class LogReadResult : IDisposable
{
    private IMemoryOwner<byte>? _owner;

    internal LogReadResult(ErrorCode error, long logStartOffset, long highWatermark, long logEndOffset)
    {
        Error = error;
        LogStartOffset = logStartOffset;
        HighWatermark = highWatermark;
        LogEndOffset = logEndOffset;
    }

    internal LogReadResult(IMemoryOwner<byte> owner, int length, long firstOffset, long nextOffset, long logStartOffset, long highWatermark, long logEndOffset)
        : this(ErrorCode.None, logStartOffset, highWatermark, logEndOffset)
    {
        _owner = owner;
        Records = owner.Memory[..length];
        FirstOffset = firstOffset;
        NextOffset = nextOffset;
    }

    /// <summary><see cref="ErrorCode.None"/> or <see cref="ErrorCode.OffsetOutOfRange"/> (below log start, above LEO).</summary>
    public ErrorCode Error { get; }

    /// <summary>Whole batches (possibly none); valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Records { get; private set; }

    /// <summary>Base offset of the first batch returned, -1 when none (it may be below the requested offset).</summary>
    public long FirstOffset { get; } = -1;

    /// <summary>The offset after the last batch returned, -1 when none.</summary>
    public long NextOffset { get; } = -1;

    public long LogStartOffset { get; }

    public long HighWatermark { get; }

    public long LogEndOffset { get; }

    public bool IsEmpty => Records.IsEmpty;

    public void Dispose()
    {
        Records = default;
        Interlocked.Exchange(ref _owner, null)?.Dispose();
    }
}
