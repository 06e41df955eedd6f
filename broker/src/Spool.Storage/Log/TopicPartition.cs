using System.Globalization;

namespace Spool.Storage;

/// <summary>A topic partition; <see cref="ToString"/> is its directory name (<c>topic-partition</c>).</summary>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    public override string ToString() => Topic + "-" + Partition.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a partition directory name (<c>my-topic-3</c>: the partition follows the last dash).</summary>
    public static bool TryParseDirectoryName(string name, out TopicPartition topicPartition)
    {
        topicPartition = default;
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || dash == name.Length - 1)
        {
            return false;
        }

        if (!int.TryParse(name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition))
        {
            return false;
        }

        var topic = name[..dash];
        if (topic.Contains('/', StringComparison.Ordinal) || topic.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        topicPartition = new TopicPartition(topic, partition);
        return true;
    }
}
