using Spool.Protocol;

namespace Spool.Operator.Tests.Support;

/// <summary>A topic of <see cref="FakeClusterAdmin"/>: log start and end offset per partition, and its own configs.</summary>
public sealed class FakeTopic(Uuid id, int partitions)
{
    public Uuid Id { get; } = id;

    public List<long> Start { get; } = [.. Enumerable.Repeat(0L, partitions)];

    public List<long> End { get; } = [.. Enumerable.Repeat(0L, partitions)];

    public Dictionary<string, string> Configs { get; } = new(StringComparer.Ordinal);
}
