using System.Buffers.Binary;

namespace Spool.Storage;

/// <summary>
/// Sparse offset index of one segment: (relative offset int32, position int32) big-endian pairs, one every
/// <c>index.interval.bytes</c>. Entries point at the start of a batch and are keyed by the batch's base offset,
/// so a floor lookup lands on the batch that contains the target or one before it.
/// </summary>
internal sealed class OffsetIndex
{
    public const int EntrySize = 8;

    private readonly PublishedList<long> _entries;

    public OffsetIndex(long baseOffset, int capacity = 0)
    {
        BaseOffset = baseOffset;
        _entries = new PublishedList<long>(capacity);
    }

    public long BaseOffset { get; }

    public int Count => _entries.Count;

    public long SizeInBytes => (long)Count * EntrySize;

    public OffsetPosition? LastEntry
    {
        get
        {
            var entries = _entries.Snapshot();
            return entries.IsEmpty ? null : Unpack(entries[^1]);
        }
    }

    public void Append(long offset, int position)
    {
        var relative = checked((int)(offset - BaseOffset));
        _entries.Add(((long)relative << 32) | (uint)position);
    }

    /// <summary>The last entry with offset &lt;= <paramref name="target"/>, or (base offset, 0).</summary>
    public OffsetPosition Lookup(long target)
    {
        var entries = _entries.Snapshot();
        var relative = target - BaseOffset;
        int lo = 0, hi = entries.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if ((entries[mid] >> 32) <= relative)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? new OffsetPosition(BaseOffset, 0) : Unpack(entries[found]);
    }

    /// <summary>Removes entries for batches at or after <paramref name="offset"/>.</summary>
    public void TruncateTo(long offset)
    {
        var entries = _entries.Snapshot();
        var keep = entries.Length;
        while (keep > 0 && BaseOffset + (entries[keep - 1] >> 32) >= offset)
        {
            keep--;
        }

        _entries.Truncate(keep);
    }

    public byte[] Serialize()
    {
        var entries = _entries.Snapshot();
        var bytes = new byte[entries.Length * EntrySize];
        for (var i = 0; i < entries.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(i * EntrySize), (int)(entries[i] >> 32));
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan((i * EntrySize) + 4), (int)entries[i]);
        }

        return bytes;
    }

    /// <summary>
    /// Parses an index file's bytes; null when they fail Kafka's sanity checks (size, strictly increasing
    /// offsets and positions, offsets below <paramref name="nextBaseOffset"/>, positions inside the log).
    /// </summary>
    public static OffsetIndex? Parse(ReadOnlySpan<byte> data, long baseOffset, long logSize, long nextBaseOffset)
    {
        if (data.Length % EntrySize != 0)
        {
            return null;
        }

        var index = new OffsetIndex(baseOffset, data.Length / EntrySize);
        long lastRelative = -1, lastPosition = -1;
        for (var i = 0; i < data.Length; i += EntrySize)
        {
            var relative = BinaryPrimitives.ReadInt32BigEndian(data[i..]);
            var position = BinaryPrimitives.ReadInt32BigEndian(data[(i + 4)..]);
            if (relative < 0 || relative <= lastRelative || position <= lastPosition || position >= logSize ||
                baseOffset + relative >= nextBaseOffset)
            {
                return null;
            }

            index.Append(baseOffset + relative, position);
            lastRelative = relative;
            lastPosition = position;
        }

        return index;
    }

    private OffsetPosition Unpack(long entry) => new(BaseOffset + (entry >> 32), (int)entry);
}
