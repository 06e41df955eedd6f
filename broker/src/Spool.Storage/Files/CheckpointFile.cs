using System.Globalization;
using System.Text;

namespace Spool.Storage;

/// <summary>
/// Kafka's checkpoint file format: a version line (0), a count line, then one entry per line. Written to a
/// temporary file, fsynced and renamed over the old one, so a crash leaves either the old or the new file.
/// </summary>
internal static class CheckpointFile
{
    private const int Version = 0;

    public static void Write(string path, IReadOnlyCollection<string> lines)
    {
        var builder = new StringBuilder();
        builder.Append(Version.ToString(CultureInfo.InvariantCulture)).Append('\n');
        builder.Append(lines.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        WriteAtomically(path, Encoding.UTF8.GetBytes(builder.ToString()));
    }

    /// <summary>The entry lines, or null when the file is missing; malformed files throw <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<string[]>? Read(string path, int fieldsPerLine)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length < 2 || lines[0].Trim() != "0" || !int.TryParse(lines[1].Trim(), CultureInfo.InvariantCulture, out var count) || count < 0)
        {
            throw new InvalidDataException($"Malformed checkpoint file {path}");
        }

        if (lines.Length < 2 + count)
        {
            throw new InvalidDataException($"Checkpoint file {path} has fewer entries than its count says");
        }

        var entries = new List<string[]>(count);
        for (var i = 0; i < count; i++)
        {
            var fields = lines[2 + i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != fieldsPerLine)
            {
                throw new InvalidDataException($"Malformed line '{lines[2 + i]}' in checkpoint file {path}");
            }

            entries.Add(fields);
        }

        return entries;
    }

    /// <summary>Reads a per-directory offsets checkpoint (<c>topic partition offset</c> lines); missing or malformed is empty.</summary>
    public static Dictionary<TopicPartition, long> ReadOffsets(string path)
    {
        var result = new Dictionary<TopicPartition, long>();
        IReadOnlyList<string[]>? entries;
        try
        {
            entries = Read(path, 3);
        }
        catch (InvalidDataException)
        {
            return result;
        }

        foreach (var fields in entries ?? [])
        {
            if (int.TryParse(fields[1], CultureInfo.InvariantCulture, out var partition) &&
                long.TryParse(fields[2], CultureInfo.InvariantCulture, out var offset))
            {
                result[new TopicPartition(fields[0], partition)] = offset;
            }
        }

        return result;
    }

    public static void WriteOffsets(string path, IEnumerable<KeyValuePair<TopicPartition, long>> offsets) =>
        Write(path, offsets
            .OrderBy(kv => kv.Key.Topic, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Partition)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key.Topic} {kv.Key.Partition} {kv.Value}"))
            .ToList());

    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var temp = path + LogFileNames.TempSuffix;
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, content, 0);
            RandomAccess.FlushToDisk(handle);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Fsync(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
