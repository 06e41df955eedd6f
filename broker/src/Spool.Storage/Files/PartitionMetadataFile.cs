using Spool.Protocol;

namespace Spool.Storage;

/// <summary><c>partition.metadata</c> in Kafka's format: <c>version: 0</c> and <c>topic_id: &lt;base64 uuid&gt;</c>.</summary>
internal static class PartitionMetadataFile
{
    public static void Write(string directory, Uuid topicId)
    {
        var text = $"version: 0\ntopic_id: {topicId}\n";
        CheckpointFile.WriteAtomically(Path.Combine(directory, LogFileNames.PartitionMetadata), System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The topic id, or null when the file is missing or unreadable.</summary>
    public static Uuid? Read(string directory)
    {
        var path = Path.Combine(directory, LogFileNames.PartitionMetadata);
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            const string Prefix = "topic_id:";
            if (line.StartsWith(Prefix, StringComparison.Ordinal) && Uuid.TryParse(line[Prefix.Length..].Trim(), out var id))
            {
                return id;
            }
        }

        return null;
    }
}
