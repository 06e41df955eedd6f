using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Spool.Protocol.Records;

namespace Spool.Storage;

/// <summary>
/// Sequential reader of the batches of one segment file through a pooled buffer, for recovery (with CRC checks),
/// index rebuilds and timestamp searches. Reads only below <c>end</c>, the segment's published size.
/// </summary>
internal sealed class SegmentBatchReader : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly long _end;
    private readonly int _chunkSize;
    private byte[] _buffer;
    private long _bufferStart;
    private int _bufferLength;

    public SegmentBatchReader(SafeFileHandle handle, long start, long end, int chunkSize)
    {
        _handle = handle;
        _end = end;
        _chunkSize = chunkSize;
        _buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        Position = start;
    }

    /// <summary>File position of the next batch (after <see cref="Next"/>, just past the current one).</summary>
    public long Position { get; private set; }

    /// <summary>File position of the current batch.</summary>
    public long CurrentPosition { get; private set; }

    public int CurrentSize { get; private set; }

    public RecordBatchHeader Current { get; private set; }

    /// <summary>Why the last <see cref="Next"/> stopped, for recovery's log messages.</summary>
    public string? Problem { get; private set; }

    /// <summary>
    /// Reads the next batch header (and the whole batch when <paramref name="verifyCrc"/>, checking its CRC).
    /// </summary>
    public ScanStatus Next(bool verifyCrc)
    {
        Problem = null;
        var remaining = _end - Position;
        if (remaining <= 0)
        {
            return ScanStatus.End;
        }

        if (remaining < RecordBatchHeader.Size)
        {
            Problem = $"{remaining} trailing bytes are shorter than a batch header";
            return ScanStatus.Torn;
        }

        var header = Fill(Position, RecordBatchHeader.Size);
        RecordBatchHeader.TryRead(header, out var parsed);
        if (parsed.BatchLength < BatchCheck.MinBatchLength)
        {
            Problem = $"batch length {parsed.BatchLength} is invalid";
            return ScanStatus.Corrupt;
        }

        if (parsed.Magic != RecordBatchHeader.CurrentMagic)
        {
            Problem = $"magic {parsed.Magic} is invalid";
            return ScanStatus.Corrupt;
        }

        if (parsed.LastOffsetDelta < 0)
        {
            Problem = $"lastOffsetDelta {parsed.LastOffsetDelta} is invalid";
            return ScanStatus.Corrupt;
        }

        var size = (long)RecordBatchHeader.LogOverhead + parsed.BatchLength;
        if (size > remaining)
        {
            Problem = $"batch of {size} bytes runs past the end of the file ({remaining} bytes left)";
            return ScanStatus.Torn;
        }

        CurrentPosition = Position;
        CurrentSize = (int)size;
        Current = parsed;
        if (verifyCrc && RecordBatchHeader.ComputeCrc(CurrentBatch()) != parsed.Crc)
        {
            Problem = "CRC-32C mismatch";
            return ScanStatus.Corrupt;
        }

        Position += size;
        return ScanStatus.Batch;
    }

    /// <summary>The whole current batch (reads it in if only its header was read).</summary>
    public ReadOnlySpan<byte> CurrentBatch() => Fill(CurrentPosition, CurrentSize);

    /// <summary>The whole current batch as memory over the reader's buffer: valid until the next call.</summary>
    public ReadOnlyMemory<byte> CurrentBatchMemory()
    {
        Fill(CurrentPosition, CurrentSize);
        return _buffer.AsMemory((int)(CurrentPosition - _bufferStart), CurrentSize);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private ReadOnlySpan<byte> Fill(long position, int count)
    {
        if (position >= _bufferStart && position + count <= _bufferStart + _bufferLength)
        {
            return _buffer.AsSpan((int)(position - _bufferStart), count);
        }

        if (count > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(count);
        }

        var want = (int)Math.Min(Math.Max(count, Math.Min(_chunkSize, _buffer.Length)), _end - position);
        var read = 0;
        while (read < want)
        {
            var n = RandomAccess.Read(_handle, _buffer.AsSpan(read, want - read), position + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        _bufferStart = position;
        _bufferLength = read;
        if (read < count)
        {
            throw new EndOfStreamException($"Segment file ended at {position + read}, expected {count} bytes at {position}");
        }

        return _buffer.AsSpan(0, count);
    }
}
