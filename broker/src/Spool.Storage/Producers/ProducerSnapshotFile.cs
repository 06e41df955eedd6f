using System.Buffers.Binary;
using Spool.Protocol.Records;

namespace Spool.Storage;

/// <summary>
/// <c>&lt;offset&gt;.snapshot</c>: the producer state of a partition as of an offset (every batch below it applied), taken
/// when a segment rolls and at clean shutdown, so recovery replays only the batches after the latest snapshot.
/// Spool's own layout (Kafka's keeps only each producer's last batch; this keeps all remembered batches, so
/// retries are still recognised after a restart): version int16, CRC-32C uint32 of the rest, producer count int32,
/// then per producer id int64, epoch int16, last timestamp int64, batch count int32 and per batch first and last
/// sequence int32, first and last offset int64 and max timestamp int64. All big-endian.
/// </summary>
internal static class ProducerSnapshotFile
{
    public const string Suffix = ".snapshot";

    private const short Version = 1;
    private const int HeaderSize = 2 + 4 + 4;
    private const int ProducerSize = 8 + 2 + 8 + 4;
    private const int BatchSize = 4 + 4 + 8 + 8 + 8;

    public static string PathFor(string directory, long offset) => Path.Combine(directory, LogFileNames.BaseName(offset) + Suffix);

    /// <summary>Offsets of the snapshot files in <paramref name="directory"/>, ascending.</summary>
    public static List<long> List(string directory) =>
        System.IO.Directory.EnumerateFiles(directory, "*" + Suffix)
            .Select(path => Path.GetFileName(path))
            .Where(name => name.EndsWith(Suffix, StringComparison.Ordinal) && name.Length == 20 + Suffix.Length)
            .Select(name => LogFileNames.TryParseBaseOffset(name, out var offset) ? offset : -1)
            .Where(offset => offset >= 0)
            .Order()
            .ToList();

    public static byte[] Serialize(IEnumerable<ProducerStateEntry> entries)
    {
        var list = entries.ToList();
        var size = HeaderSize + list.Sum(e => ProducerSize + (e.Batches.Count * BatchSize));
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt16BigEndian(span, Version);
        BinaryPrimitives.WriteInt32BigEndian(span[6..], list.Count);
        var position = HeaderSize;
        foreach (var entry in list)
        {
            BinaryPrimitives.WriteInt64BigEndian(span[position..], entry.ProducerId);
            BinaryPrimitives.WriteInt16BigEndian(span[(position + 8)..], entry.Epoch);
            BinaryPrimitives.WriteInt64BigEndian(span[(position + 10)..], entry.LastTimestamp);
            BinaryPrimitives.WriteInt32BigEndian(span[(position + 18)..], entry.Batches.Count);
            position += ProducerSize;
            foreach (var batch in entry.Batches)
            {
                BinaryPrimitives.WriteInt32BigEndian(span[position..], batch.FirstSequence);
                BinaryPrimitives.WriteInt32BigEndian(span[(position + 4)..], batch.LastSequence);
                BinaryPrimitives.WriteInt64BigEndian(span[(position + 8)..], batch.FirstOffset);
                BinaryPrimitives.WriteInt64BigEndian(span[(position + 16)..], batch.LastOffset);
                BinaryPrimitives.WriteInt64BigEndian(span[(position + 24)..], batch.MaxTimestamp);
                position += BatchSize;
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(span[2..], Crc32C.Compute(span[6..]));
        return bytes;
    }

    /// <summary>The entries of a snapshot file; null when it is missing, truncated, of another version or fails its CRC.</summary>
    public static List<ProducerStateEntry>? Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        return Parse(bytes);
    }

    public static List<ProducerStateEntry>? Parse(ReadOnlySpan<byte> span)
    {
        if (span.Length < HeaderSize || BinaryPrimitives.ReadInt16BigEndian(span) != Version ||
            BinaryPrimitives.ReadUInt32BigEndian(span[2..]) != Crc32C.Compute(span[6..]))
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(span[6..]);
        var entries = new List<ProducerStateEntry>(Math.Max(0, Math.Min(count, span.Length / ProducerSize)));
        var position = HeaderSize;
        for (var i = 0; i < count; i++)
        {
            if (position + ProducerSize > span.Length)
            {
                return null;
            }

            var producerId = BinaryPrimitives.ReadInt64BigEndian(span[position..]);
            var epoch = BinaryPrimitives.ReadInt16BigEndian(span[(position + 8)..]);
            var lastTimestamp = BinaryPrimitives.ReadInt64BigEndian(span[(position + 10)..]);
            var batchCount = BinaryPrimitives.ReadInt32BigEndian(span[(position + 18)..]);
            position += ProducerSize;
            if (batchCount is < 0 or > ProducerStateEntry.RetainedBatches || position + ((long)batchCount * BatchSize) > span.Length)
            {
                return null;
            }

            var batches = new List<ProducerBatch>(batchCount);
            for (var b = 0; b < batchCount; b++)
            {
                batches.Add(new ProducerBatch(
                    BinaryPrimitives.ReadInt32BigEndian(span[position..]),
                    BinaryPrimitives.ReadInt32BigEndian(span[(position + 4)..]),
                    BinaryPrimitives.ReadInt64BigEndian(span[(position + 8)..]),
                    BinaryPrimitives.ReadInt64BigEndian(span[(position + 16)..]),
                    BinaryPrimitives.ReadInt64BigEndian(span[(position + 24)..])));
                position += BatchSize;
            }

            entries.Add(new ProducerStateEntry(producerId, epoch, lastTimestamp, batches));
        }

        return position == span.Length ? entries : null;
    }

    /// <summary>Writes a snapshot aside and renames it into place; <paramref name="fsync"/> also forces it (and the directory) to disk.</summary>
    public static void Write(string path, byte[] content, bool fsync)
    {
        if (fsync)
        {
            CheckpointFile.WriteAtomically(path, content);
            return;
        }

        var temp = path + LogFileNames.TempSuffix;
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, content, 0);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>fsync of a snapshot written without it (the roll path defers the sync to the background flush).</summary>
    public static void Sync(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(handle);
        }
        catch (FileNotFoundException)
        {
        }
    }
}
