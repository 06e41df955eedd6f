using System.Globalization;
using System.Text;
using System.Text.Json;
using Spool.Protocol.Records;

namespace Spool.Broker.Metadata;

/// <summary>
/// The durable metadata log of a single-node controller: one record per line, "crc32c-hex TAB json".
/// Every append is fsynced before it is applied (metadata changes are rare and must survive a crash).
/// On open, a torn or corrupt tail is truncated; everything before it is replayed.
/// </summary>
public sealed class MetadataJournal : IDisposable
{
    public const string DirectoryName = "__cluster_metadata";
    private const string FileName = "journal.log";
    private readonly FileStream _file;
    private readonly object _lock = new();

    private MetadataJournal(FileStream file, IReadOnlyList<MetadataRecord> records)
    {
        _file = file;
        Records = records;
    }

    /// <summary>The records found when the journal was opened, in order.</summary>
    public IReadOnlyList<MetadataRecord> Records { get; }

    public long NextOffset { get; private set; }

    public static MetadataJournal Open(string metadataLogDir)
    {
        var dir = Path.Combine(metadataLogDir, DirectoryName);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, FileName);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var records = new List<MetadataRecord>();
        long good = 0;
        using (var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
        {
            string? line;
            long position = 0;
            while ((line = reader.ReadLine()) is not null)
            {
                var lineBytes = Encoding.UTF8.GetByteCount(line) + 1;
                var record = Decode(line);
                if (record is null || position + lineBytes > file.Length)
                {
                    break;
                }

                records.Add(record);
                position += lineBytes;
                good = position;
            }
        }

        // Drop whatever follows the last intact record: a write torn by a crash.
        file.SetLength(good);
        file.Position = good;
        var journal = new MetadataJournal(file, records) { NextOffset = records.Count };
        return journal;
    }

    public void Append(IReadOnlyList<MetadataRecord> records)
    {
        var sb = new StringBuilder();
        foreach (var r in records)
        {
            var json = JsonSerializer.Serialize(r, MetadataJsonContext.Default.MetadataRecord);
            var crc = Crc32C.Compute(Encoding.UTF8.GetBytes(json));
            sb.Append(crc.ToString("x8", CultureInfo.InvariantCulture)).Append('\t').Append(json).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        lock (_lock)
        {
            _file.Write(bytes);
            _file.Flush(flushToDisk: true);
            NextOffset += records.Count;
        }
    }

    public void Dispose() => _file.Dispose();

    private static MetadataRecord? Decode(string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab != 8 || !uint.TryParse(line.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var crc))
        {
            return null;
        }

        var json = line[(tab + 1)..];
        if (Crc32C.Compute(Encoding.UTF8.GetBytes(json)) != crc)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, MetadataJsonContext.Default.MetadataRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
