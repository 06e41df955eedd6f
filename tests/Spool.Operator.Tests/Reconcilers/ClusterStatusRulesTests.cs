using Spool.Operator.Builders;
using Spool.Operator.Reconcilers;
using Spool.Operator.Tests.Support;

namespace Spool.Operator.Tests.Reconcilers;

public sealed class ClusterStatusRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddDays(20000);

    private static ClusterObservation Observed(bool ready, ClusterHealth? health, RollDecision? roll = null) => new()
    {
        Generation = 3,
        Replicas = 1,
        Pods = [new BrokerPod("events-0", 0, "r1", ready, false)],
        UpdateRevision = "r1",
        Roll = roll ?? new RollDecision(null, 0, null),
        Health = health,
        BootstrapServers = "events-bootstrap.streaming.svc.cluster.local:9092",
    };

    [Fact]
    public void Ready_needs_ready_pods_and_a_healthy_kafka_api()
    {
        var status = ClusterStatusRules.Compute(Observed(true, new ClusterHealth(true, "abc", 1, 0, 0, null)), null, Now);
        Conditions.Find(status.Conditions, Conditions.Ready)!.Reason.Should().Be(Reasons.ClusterReady);
        Conditions.IsTrue(status.Conditions, Conditions.Progressing).Should().BeFalse();
        (status.ClusterId, status.ReadyReplicas, status.ObservedGeneration).Should().Be(("abc", 1, 3L));
    }

    [Fact]
    public void Not_ready_pods_say_creating_until_a_cluster_id_is_known()
    {
        var status = ClusterStatusRules.Compute(Observed(false, null), null, Now);
        Conditions.Find(status.Conditions, Conditions.Ready)!.Reason.Should().Be(Reasons.BrokersNotReady);
        Conditions.Find(status.Conditions, Conditions.Progressing)!.Reason.Should().Be(Reasons.Creating);
    }

    [Fact]
    public void The_cluster_id_survives_an_unreachable_broker()
    {
        var previous = ClusterStatusRules.Compute(Observed(true, new ClusterHealth(true, "abc", 1, 0, 0, null)), null, Now);
        var status = ClusterStatusRules.Compute(Observed(true, ClusterHealth.Unreachable("refused")), previous, Now);
        status.ClusterId.Should().Be("abc");
        Conditions.Find(status.Conditions, Conditions.Ready)!.Reason.Should().Be(Reasons.BrokerUnreachable);
    }

    [Fact]
    public void Under_replicated_partitions_degrade()
    {
        var status = ClusterStatusRules.Compute(Observed(true, new ClusterHealth(true, "abc", 1, 2, 0, null)), null, Now);
        Conditions.Find(status.Conditions, Conditions.Degraded)!.Reason.Should().Be(Reasons.UnderReplicatedPartitions);
    }

    [Fact]
    public void A_roll_is_progress()
    {
        var status = ClusterStatusRules.Compute(Observed(true, new ClusterHealth(true, "abc", 1, 0, 0, null), new RollDecision("events-0", 1, null)), null, Now);
        Conditions.Find(status.Conditions, Conditions.Progressing)!.Message.Should().Contain("restarting events-0");
    }

    [Fact]
    public void Validation_catches_what_the_schema_cannot()
    {
        ClusterReconciler.Validate(new ClusterBlueprint(Samples.Cluster("ok"), Samples.Image)).Should().BeEmpty();
        ClusterReconciler.Validate(new ClusterBlueprint(Samples.Cluster(new string('a', 46)), Samples.Image)).Should().ContainSingle();
        ClusterReconciler.Validate(new ClusterBlueprint(Samples.Cluster("dotted.name"), Samples.Image)).Should().ContainSingle();
        ClusterReconciler.Validate(new ClusterBlueprint(Samples.Cluster(configure: s => s.Config = new() { ["log.dirs"] = "/x" }), Samples.Image))
            .Should().ContainSingle().Which.Should().Contain("log.dirs");
        ClusterReconciler.Validate(new ClusterBlueprint(Samples.Cluster(configure: s => s.Replicas = 3), Samples.Image))
            .Should().ContainSingle().Which.Should().Contain("spec.replicas is 3").And.Contain("set replicas to 1");
    }
}
