using System.Buffers.Binary;

namespace Spool.Storage;

/// <summary>
/// Sparse time index of one segment: (timestamp int64, relative offset int32) big-endian, appended with the
/// offset index and only when the largest timestamp so far grew. The offset is the base offset of the batch in
/// which that timestamp was first reached, so every batch before it has only smaller timestamps.
/// </summary>
internal sealed class TimeIndex
{
    public const int EntrySize = 12;

    private readonly PublishedList<Entry> _entries;

    public TimeIndex(long baseOffset, int capacity = 0)
    {
        BaseOffset = baseOffset;
        _entries = new PublishedList<Entry>(capacity);
    }

    public long BaseOffset { get; }

    public int Count => _entries.Count;

    public TimestampOffset? LastEntry
    {
        get
        {
            var entries = _entries.Snapshot();
            return entries.IsEmpty ? null : Unpack(entries[^1]);
        }
    }

    /// <summary>Appends when <paramref name="timestamp"/> is larger than the last entry's.</summary>
    public void MaybeAppend(long timestamp, long offset)
    {
        var entries = _entries.Snapshot();
        if (timestamp < 0 || (!entries.IsEmpty && timestamp <= entries[^1].Timestamp))
        {
            return;
        }

        _entries.Add(new Entry(timestamp, checked((int)(offset - BaseOffset))));
    }

    /// <summary>The last entry with timestamp &lt;= <paramref name="target"/>, or (-1, base offset).</summary>
    public TimestampOffset Lookup(long target)
    {
        var entries = _entries.Snapshot();
        int lo = 0, hi = entries.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (entries[mid].Timestamp <= target)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? new TimestampOffset(-1, BaseOffset) : Unpack(entries[found]);
    }

    public void TruncateTo(long offset)
    {
        var entries = _entries.Snapshot();
        var keep = entries.Length;
        while (keep > 0 && BaseOffset + entries[keep - 1].RelativeOffset >= offset)
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
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(i * EntrySize), entries[i].Timestamp);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan((i * EntrySize) + 8), entries[i].RelativeOffset);
        }

        return bytes;
    }

    /// <summary>Parses a time index file; null when it fails the sanity checks (size, increasing timestamps and offsets).</summary>
    public static TimeIndex? Parse(ReadOnlySpan<byte> data, long baseOffset, long nextBaseOffset)
    {
        if (data.Length % EntrySize != 0)
        {
            return null;
        }

        var index = new TimeIndex(baseOffset, data.Length / EntrySize);
        long lastTimestamp = -1, lastRelative = -1;
        for (var i = 0; i < data.Length; i += EntrySize)
        {
            var timestamp = BinaryPrimitives.ReadInt64BigEndian(data[i..]);
            var relative = BinaryPrimitives.ReadInt32BigEndian(data[(i + 8)..]);
            if (timestamp <= lastTimestamp || relative < 0 || relative < lastRelative || baseOffset + relative >= nextBaseOffset)
            {
                return null;
            }

            index._entries.Add(new Entry(timestamp, relative));
            lastTimestamp = timestamp;
            lastRelative = relative;
        }

        return index;
    }

    private TimestampOffset Unpack(Entry entry) => new(entry.Timestamp, BaseOffset + entry.RelativeOffset);

    private readonly record struct Entry(long Timestamp, int RelativeOffset);
}
