using System.Globalization;

namespace Spool.Storage;

/// <summary>
/// Leader epoch to start offset map of one partition, persisted as <c>leader-epoch-checkpoint</c> in Kafka's
/// format. Not thread-safe by itself: the owning log calls it under its append lock, or takes a snapshot.
/// </summary>
internal sealed class LeaderEpochCache
{
    private readonly string _path;
    private volatile EpochEntry[] _entries;

    private LeaderEpochCache(string path, EpochEntry[] entries)
    {
        _path = path;
        _entries = entries;
    }

    public IReadOnlyList<EpochEntry> Entries => _entries;

    public int? LatestEpoch => _entries.Length == 0 ? null : _entries[^1].Epoch;

    public static LeaderEpochCache Load(string directory)
    {
        var path = Path.Combine(directory, LogFileNames.LeaderEpochCheckpoint);
        var entries = new List<EpochEntry>();
        try
        {
            foreach (var fields in CheckpointFile.Read(path, 2) ?? [])
            {
                entries.Add(new EpochEntry(
                    int.Parse(fields[0], CultureInfo.InvariantCulture),
                    long.Parse(fields[1], CultureInfo.InvariantCulture)));
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or OverflowException)
        {
            // Rebuilt from the batches' epochs by recovery when the file is unusable.
            entries.Clear();
        }

        return new LeaderEpochCache(path, Sanitize(entries));
    }

    /// <summary>Records that <paramref name="epoch"/> starts at <paramref name="startOffset"/> if it is newer than the latest.</summary>
    public bool Assign(int epoch, long startOffset, bool persist = true)
    {
        if (epoch < 0)
        {
            return false;
        }

        var entries = _entries;
        if (entries.Length > 0 && (epoch <= entries[^1].Epoch || startOffset < entries[^1].StartOffset))
        {
            return false;
        }

        _entries = [.. entries, new EpochEntry(epoch, startOffset)];
        if (persist)
        {
            Persist();
        }

        return true;
    }

    /// <summary>Removes epochs that start at or after <paramref name="endOffset"/> (log truncated to it).</summary>
    public void TruncateFromEnd(long endOffset, bool persist = true)
    {
        var entries = _entries;
        var keep = entries.Length;
        while (keep > 0 && entries[keep - 1].StartOffset >= endOffset)
        {
            keep--;
        }

        if (keep != entries.Length)
        {
            _entries = entries[..keep];
            if (persist)
            {
                Persist();
            }
        }
    }

    /// <summary>Drops epochs wholly below <paramref name="startOffset"/> and moves the first kept one's start up to it.</summary>
    public void TruncateFromStart(long startOffset, bool persist = true)
    {
        var entries = _entries;
        var firstKept = 0;
        while (firstKept + 1 < entries.Length && entries[firstKept + 1].StartOffset <= startOffset)
        {
            firstKept++;
        }

        if (entries.Length == 0 || (firstKept == 0 && entries[0].StartOffset >= startOffset))
        {
            return;
        }

        var updated = entries[firstKept..];
        if (updated[0].StartOffset < startOffset)
        {
            updated[0] = updated[0] with { StartOffset = startOffset };
        }

        _entries = updated;
        if (persist)
        {
            Persist();
        }
    }

    public void Clear(bool persist = true)
    {
        _entries = [];
        if (persist)
        {
            Persist();
        }
    }

    /// <summary>The epoch of the leader that appended <paramref name="offset"/>, or -1.</summary>
    public int EpochForOffset(long offset)
    {
        var entries = _entries;
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (entries[i].StartOffset <= offset)
            {
                return entries[i].Epoch;
            }
        }

        return -1;
    }

    /// <summary>Kafka's <c>LeaderEpochFileCache.endOffsetFor</c>.</summary>
    public EpochEndOffset EndOffsetFor(int requestedEpoch, long logEndOffset)
    {
        var entries = _entries;
        if (requestedEpoch < 0 || entries.Length == 0)
        {
            return EpochEndOffset.Undefined;
        }

        if (requestedEpoch == entries[^1].Epoch)
        {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }

        EpochEntry? floor = null;
        foreach (var entry in entries)
        {
            if (entry.Epoch > requestedEpoch)
            {
                return floor is { } f
                    ? new EpochEndOffset(f.Epoch, entry.StartOffset)
                    : new EpochEndOffset(requestedEpoch, entry.StartOffset);
            }

            floor = entry;
        }

        return EpochEndOffset.Undefined;
    }

    public void Persist() =>
        CheckpointFile.Write(_path, _entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Epoch} {e.StartOffset}")).ToList());

    private static EpochEntry[] Sanitize(List<EpochEntry> entries)
    {
        var result = new List<EpochEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Epoch < 0 || (result.Count > 0 && (entry.Epoch <= result[^1].Epoch || entry.StartOffset < result[^1].StartOffset)))
            {
                continue;
            }

            result.Add(entry);
        }

        return [.. result];
    }
}
