using Spool.Client;
using Spool.Operator.Reconcilers;

namespace Spool.Operator.Tests.Reconcilers;

public sealed class LagCalculatorTests
{
    [Fact]
    public void Lag_counts_partitions_with_a_committed_offset()
    {
        var lag = LagCalculator.Compute(
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 1 },
            new Dictionary<TopicPartition, long> { [new("a", 0)] = 5, [new("a", 1)] = 10 },
            new Dictionary<TopicPartition, long> { [new("a", 0)] = 15, [new("a", 1)] = 10, [new("a", 2)] = 99, [new("b", 0)] = 7 });
        lag.Select(l => (l.Topic, l.Lag, l.CommittedPartitions, l.Partitions)).Should().Equal(("a", 10L, 2, 3), ("b", 0L, 0, 1));
    }
}
