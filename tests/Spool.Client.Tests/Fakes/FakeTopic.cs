using Spool.Protocol;

namespace Spool.Client.Tests.Fakes;

/// <summary>A topic of a fake cluster.</summary>
public sealed class FakeTopic
{
    public FakeTopic(string name, Uuid id)
    {
        Name = name;
        Id = id;
    }

    public string Name { get; }

    public Uuid Id { get; }

    public List<FakePartition> Partitions { get; } = [];

    public Dictionary<string, string?> Configs { get; } = new(StringComparer.Ordinal);

    public short ReplicationFactor { get; set; } = 1;
}
