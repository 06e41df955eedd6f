namespace Spool.Client.Admin;

/// <summary>A topic to create. Partitions and replication factor default to the broker's when null.</summary>
public sealed class NewTopic
{
    public NewTopic(string name, int? numPartitions = null, short? replicationFactor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        NumPartitions = numPartitions;
        ReplicationFactor = replicationFactor;
    }

    public string Name { get; }

    public int? NumPartitions { get; }

    public short? ReplicationFactor { get; }

    /// <summary>Explicit replica placement: partition index to broker ids (then partitions and factor must be null).</summary>
    public IDictionary<int, IReadOnlyList<int>> ReplicaAssignments { get; } = new Dictionary<int, IReadOnlyList<int>>();

    /// <summary>Topic configs (<c>retention.ms</c>, <c>cleanup.policy</c>, ...).</summary>
    public IDictionary<string, string?> Configs { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);
}
