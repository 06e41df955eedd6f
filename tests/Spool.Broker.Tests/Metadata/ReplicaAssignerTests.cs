using Spool.Broker.Metadata;

namespace Spool.Broker.Tests.Metadata;

public class ReplicaAssignerTests
{
    [Fact]
    public void Replicas_are_distinct_and_leaders_spread_evenly()
    {
        var placement = ReplicaAssigner.Assign(0, 12, 3, [0, 1, 2, 3], startIndex: 1);
        placement.Should().HaveCount(12);
        placement.Should().OnlyContain(r => r.Distinct().Count() == 3);
        placement.GroupBy(r => r[0]).Select(g => g.Count()).Should().AllBeEquivalentTo(3);
    }

    [Fact]
    public void A_single_broker_holds_every_partition() =>
        ReplicaAssigner.Assign(0, 5, 1, [7], 0).Should().OnlyContain(r => r.Length == 1 && r[0] == 7);
}
