using Spool.Operator.Reconcilers;

namespace Spool.Operator.Tests.Reconcilers;

public sealed class RollPlannerTests
{
    private static BrokerPod Pod(int ordinal, string revision = "new", bool ready = true, bool terminating = false) =>
        new($"c-{ordinal}", ordinal, revision, ready, terminating);

    [Fact]
    public void Nothing_to_do_when_every_pod_runs_the_update_revision() =>
        RollPlanner.Plan(3, "new", true, [Pod(0), Pod(1), Pod(2)], healthy: true).Should().Be(new RollDecision(null, 0, null));

    [Fact]
    public void The_highest_outdated_ordinal_goes_first() =>
        RollPlanner.Plan(3, "new", true, [Pod(0, "old"), Pod(1, "old"), Pod(2)], healthy: true).PodToDelete.Should().Be("c-1");

    [Fact]
    public void Waits_while_a_pod_terminates()
    {
        var decision = RollPlanner.Plan(3, "new", true, [Pod(0, "old"), Pod(1, "old"), Pod(2, "old", terminating: true)], healthy: true);
        decision.PodToDelete.Should().BeNull();
        decision.WaitReason.Should().Contain("c-2");
    }

    [Fact]
    public void Waits_while_another_broker_is_not_ready() =>
        RollPlanner.Plan(3, "new", true, [Pod(0, "old"), Pod(1, "new", ready: false), Pod(2)], healthy: true).PodToDelete.Should().BeNull();

    [Fact]
    public void Waits_while_partitions_are_under_replicated()
    {
        var decision = RollPlanner.Plan(3, "new", true, [Pod(0, "old"), Pod(1), Pod(2)], healthy: false);
        decision.PodToDelete.Should().BeNull();
        decision.WaitReason.Should().Contain("under-replicated");
    }

    [Fact]
    public void A_broker_that_is_already_down_is_replaced_first() =>
        RollPlanner.Plan(3, "new", true, [Pod(0, "old", ready: false), Pod(1, "old"), Pod(2, "old")], healthy: false).PodToDelete.Should().Be("c-0");

    [Fact]
    public void Waits_for_the_statefulset_controller_to_see_the_new_template() =>
        RollPlanner.Plan(1, "new", statusCurrent: false, [Pod(0, "old")], healthy: true).PodToDelete.Should().BeNull();

    [Fact]
    public void Waits_for_missing_pods() =>
        RollPlanner.Plan(3, "new", true, [Pod(0, "old"), Pod(1)], healthy: true).PodToDelete.Should().BeNull();
}
