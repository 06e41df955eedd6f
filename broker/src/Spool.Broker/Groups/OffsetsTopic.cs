namespace Spool.Broker.Groups;

/// <summary>The internal topic that stores committed offsets and group metadata, and how groups map onto it.</summary>
public static class OffsetsTopic
{
    public const string Name = "__consumer_offsets";

    /// <summary>
    /// Kafka's <c>Utils.abs(groupId.hashCode) % partitions</c>: Java's String.hashCode over UTF-16 code units, and
    /// Kafka's abs, which maps Integer.MIN_VALUE to 0 (Math.abs would leave it negative).
    /// </summary>
    public static int PartitionFor(string groupId, int partitions)
    {
        var hash = JavaHashCode(groupId);
        var abs = hash == int.MinValue ? 0 : Math.Abs(hash);
        return abs % partitions;
    }

    public static int JavaHashCode(string value)
    {
        var h = 0;
        foreach (var c in value)
        {
            h = unchecked((31 * h) + c);
        }

        return h;
    }
}
