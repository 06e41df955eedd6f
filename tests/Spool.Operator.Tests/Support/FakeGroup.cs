using Spool.Client;

namespace Spool.Operator.Tests.Support;

/// <summary>A consumer group of <see cref="FakeClusterAdmin"/>.</summary>
public sealed class FakeGroup
{
    public string State { get; set; } = "Empty";

    public int Members { get; set; }

    public Dictionary<TopicPartition, OffsetAndMetadata> Committed { get; } = [];
}
