using System.Globalization;

namespace Spool.Cli.Commands.Groups;

/// <summary>
/// A <c>--topic</c> value of reset-offsets: <c>orders</c> (every partition) or <c>orders:0,2,5-7</c>
/// (kafka-consumer-groups.sh takes <c>topic:0,1,2</c>; ranges are a convenience).
/// </summary>
internal sealed record TopicSelection(string Topic, IReadOnlyList<int>? Partitions)
{
    public static TopicSelection Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return new TopicSelection(text, null);
        }

        var topic = text[..colon];
        var partitions = new SortedSet<int>();
        foreach (var part in text[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && Number(part[..dash]) is { } from && Number(part[(dash + 1)..]) is { } to && from <= to)
            {
                partitions.UnionWith(Enumerable.Range(from, to - from + 1));
            }
            else if (Number(part) is { } single)
            {
                partitions.Add(single);
            }
            else
            {
                throw CliException.Usage($"--topic {text}: expected topic or topic:0,1,3-5");
            }
        }

        return topic.Length == 0 ? throw CliException.Usage($"--topic {text}: the topic name is empty") : new TopicSelection(topic, [.. partitions]);
    }

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
