using Spool.Client.Admin;
using Spool.Operator.Entities;
using Spool.Operator.Reconcilers;
using Spool.Protocol.Configs;
using Spool.Protocol;

namespace Spool.Operator.Tests.Reconcilers;

public sealed class TopicPlannerTests
{
    private static TopicDescription Topic(int partitions, int replicas = 1) =>
        new("t", Uuid.NewRandom(), false, [.. Enumerable.Range(0, partitions).Select(p => new TopicPartitionInfo(p, 0, 0, [.. Enumerable.Range(0, replicas)], [.. Enumerable.Range(0, replicas)], []))], null);

    private static ConfigEntry Entry(string name, string value, ConfigSource source = ConfigSource.DynamicTopicConfig) => new(name, value, source, false, false, []);

    [Fact]
    public void A_missing_topic_is_created() =>
        TopicPlanner.Plan("t", new TopicSpec { Partitions = 6 }, null, null).Create.Should().BeTrue();

    [Fact]
    public void More_partitions_are_added()
    {
        var plan = TopicPlanner.Plan("t", new TopicSpec { Partitions = 12 }, Topic(6), []);
        plan.RaisePartitionsTo.Should().Be(12);
        plan.Refusals.Should().BeEmpty();
    }

    [Fact]
    public void Fewer_partitions_are_refused_and_nothing_else_is_held_back()
    {
        var plan = TopicPlanner.Plan("t", new TopicSpec { Partitions = 3, Config = new() { ["retention.ms"] = "1000" } }, Topic(12), []);
        plan.RaisePartitionsTo.Should().BeNull();
        plan.Refusals.Should().ContainSingle().Which.Reason.Should().Be(Reasons.PartitionDecreaseRefused);
        plan.Refusals[0].Message.Should().Contain("cannot remove partitions").And.Contain("12");
        plan.ConfigChanges.Should().ContainSingle().Which.Should().Be(AlterConfigOp.Set("retention.ms", "1000"));
    }

    [Fact]
    public void A_different_replication_factor_is_refused() =>
        TopicPlanner.Plan("t", new TopicSpec { Partitions = 1, ReplicationFactor = 3 }, Topic(1), []).Refusals.Single().Reason
            .Should().Be(Reasons.ReplicationFactorChangeRefused);

    [Fact]
    public void Configs_converge_on_the_spec_and_drift_is_removed()
    {
        var actual = new[]
        {
            Entry("retention.ms", "1000"),
            Entry("cleanup.policy", "compact"),
            Entry("segment.bytes", "1073741824", ConfigSource.DefaultConfig),
            Entry("max.message.bytes", "2000"),
        };
        var changes = TopicPlanner.ConfigChanges(new Dictionary<string, string> { ["retention.ms"] = "2000", ["cleanup.policy"] = "compact", ["segment.bytes"] = "1073741824" }, actual);
        changes.Should().Equal(
            AlterConfigOp.Set("retention.ms", "2000"),
            AlterConfigOp.Set("segment.bytes", "1073741824"),
            AlterConfigOp.Delete("max.message.bytes"));
    }
}
