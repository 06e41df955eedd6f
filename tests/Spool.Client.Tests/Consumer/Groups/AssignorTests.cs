using Spool.Client.Consumer.Groups;

namespace Spool.Client.Tests.Consumer.Groups;

public sealed class AssignorTests
{
    private static readonly Dictionary<string, int> TwoTopicsOfThree = new() { ["t0"] = 3, ["t1"] = 3 };

    [Fact]
    public void Range_gives_each_member_a_consecutive_range_per_topic()
    {
        // The example of Java's RangeAssignor documentation.
        var members = Members(("C0", ["t0", "t1"]), ("C1", ["t0", "t1"]));

        var assignment = new RangeAssignor().Assign(TwoTopicsOfThree, members);

        assignment["C0"].Should().Equal(P("t0", 0), P("t0", 1), P("t1", 0), P("t1", 1));
        assignment["C1"].Should().Equal(P("t0", 2), P("t1", 2));
    }

    [Fact]
    public void Round_robin_deals_partitions_in_turn()
    {
        // The example of Java's RoundRobinAssignor documentation.
        var members = Members(("C0", ["t0", "t1"]), ("C1", ["t0", "t1"]));

        var assignment = new RoundRobinAssignor().Assign(TwoTopicsOfThree, members);

        assignment["C0"].Should().Equal(P("t0", 0), P("t0", 2), P("t1", 1));
        assignment["C1"].Should().Equal(P("t0", 1), P("t1", 0), P("t1", 2));
    }

    [Fact]
    public void Round_robin_skips_members_not_subscribed_to_a_topic()
    {
        var members = Members(("C0", ["t0"]), ("C1", ["t0", "t1"]), ("C2", ["t0", "t1", "t2"]));
        var topics = new Dictionary<string, int> { ["t0"] = 1, ["t1"] = 2, ["t2"] = 3 };

        var assignment = new RoundRobinAssignor().Assign(topics, members);

        assignment["C0"].Should().Equal(P("t0", 0));
        assignment["C1"].Should().Equal(P("t1", 0));
        assignment["C2"].Should().Equal(P("t1", 1), P("t2", 0), P("t2", 1), P("t2", 2));
    }

    [Fact]
    public void Static_members_are_ordered_by_instance_id()
    {
        var members = new Dictionary<string, MemberSubscription>
        {
            ["a-member"] = new(["t"], [], -1, null, "instance-2"),
            ["b-member"] = new(["t"], [], -1, null, "instance-1"),
        };

        var assignment = new RangeAssignor().Assign(new Dictionary<string, int> { ["t"] = 2 }, members);

        assignment["b-member"].Should().Equal(P("t", 0));
        assignment["a-member"].Should().Equal(P("t", 1));
    }

    [Fact]
    public void Cooperative_sticky_balances_a_fresh_group()
    {
        var members = Members(("C0", ["t"]), ("C1", ["t"]), ("C2", ["t"]));

        var assignment = new CooperativeStickyAssignor().Assign(new Dictionary<string, int> { ["t"] = 7 }, members);

        assignment.Values.Select(a => a.Count).Order().Should().Equal(2, 2, 3);
        assignment.Values.SelectMany(a => a).Should().OnlyHaveUniqueItems().And.HaveCount(7);
    }

    [Fact]
    public void Cooperative_sticky_keeps_owned_partitions_and_only_revokes_what_moves()
    {
        var everything = Enumerable.Range(0, 6).Select(p => P("t", p)).ToList();
        var members = new Dictionary<string, MemberSubscription>
        {
            ["old"] = new(["t"], everything, 1, null, null),
            ["new"] = new(["t"], [], -1, null, null),
        };
        var assignor = new CooperativeStickyAssignor();
        var topics = new Dictionary<string, int> { ["t"] = 6 };

        var first = assignor.Assign(topics, members);
        first["old"].Should().HaveCount(3).And.OnlyContain(p => everything.Contains(p));
        first["new"].Should().BeEmpty("partitions still owned by 'old' are only revoked in this round");

        var second = assignor.Assign(topics, new Dictionary<string, MemberSubscription>
        {
            ["old"] = new(["t"], first["old"], 2, null, null),
            ["new"] = new(["t"], [], 2, null, null),
        });
        second["old"].Should().Equal(first["old"]);
        second["new"].Should().BeEquivalentTo(everything.Except(first["old"]));
    }

    [Fact]
    public void Cooperative_sticky_trusts_the_newer_generation_when_two_members_claim_a_partition()
    {
        var members = new Dictionary<string, MemberSubscription>
        {
            ["stale"] = new(["t"], [P("t", 0)], 3, null, null),
            ["current"] = new(["t"], [P("t", 0)], 4, null, null),
        };

        var assignment = new CooperativeStickyAssignor().Assign(new Dictionary<string, int> { ["t"] = 2 }, members);

        assignment["current"].Should().Equal(P("t", 0));
        assignment["stale"].Should().Equal(P("t", 1));
    }

    private static TopicPartition P(string topic, int partition) => new(topic, partition);

    private static Dictionary<string, MemberSubscription> Members(params (string Id, string[] Topics)[] members) =>
        members.ToDictionary(m => m.Id, m => new MemberSubscription(m.Topics, [], -1, null, null));
}
