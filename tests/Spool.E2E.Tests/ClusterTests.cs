using Spool.Client.Admin;
using Spool.E2E.Tests.Harness;
using Spool.Kubernetes.Models;
using Spool.Operator.Builders;
using Spool.Operator.Reconcilers;

namespace Spool.E2E.Tests;

/// <summary>A Cluster of one real broker, reconciled by the real operator.</summary>
[Collection(SpoolCollection.Name)]
public sealed class ClusterTests(SpoolFixture fixture)
{
    private SpoolEnvironment Env => fixture.Env;

    [Fact]
    public async Task Cluster_becomes_ready_with_its_children_and_a_broker_that_answers()
    {
        var cluster = await fixture.ClusterAsync();
        var status = cluster.Status!;
        SpoolEnvironment.IsReady(status.Conditions).Should().BeTrue();
        (status.ReadyReplicas, status.Replicas, status.ObservedGeneration).Should().Be((1, 1, cluster.Metadata.Generation));
        status.BootstrapServers.Should().Be($"events-bootstrap.{Env.Namespace}.svc.cluster.local:9092");
        status.QuorumVoters.Should().Be($"0@events-0.events-brokers.{Env.Namespace}.svc.cluster.local:9093");

        await using var admin = Env.Admin(SpoolFixture.ClusterName);
        var described = await admin.DescribeClusterAsync();
        status.ClusterId.Should().Be(described.ClusterId);
        described.Brokers.Should().ContainSingle().Which.Should().Match<Spool.Client.Metadata.BrokerNode>(b =>
            b.NodeId == 0 && b.Host == $"events-0.events-brokers.{Env.Namespace}.svc.cluster.local" && b.Port == 9092);

        var set = await Env.Client.Resource<StatefulSet>().GetAsync(Env.Namespace, "events");
        set.Metadata.OwnerReferences.Should().ContainSingle(r => r.Uid == cluster.Metadata.Uid && r.Controller == true);
        foreach (var service in new[] { "events-brokers", "events-bootstrap" })
        {
            (await Env.Client.Resource<Service>().GetAsync(Env.Namespace, service)).Metadata.OwnerReferences.Should().ContainSingle(r => r.Uid == cluster.Metadata.Uid);
        }

        (await Env.Client.Resource<ConfigMap>().GetAsync(Env.Namespace, "events-config")).Data![BrokerPaths.PropertiesFileName]
            .Should().Contain("group.initial.rebalance.delay.ms=0");
        (await Env.Client.Resource<PodDisruptionBudget>().GetAsync(Env.Namespace, "events")).Spec!.MaxUnavailable!.Value.IntValue.Should().Be(1);
    }

    [Fact]
    public async Task A_broker_config_change_rolls_the_broker_and_reaches_it()
    {
        var before = await Env.Client.Resource<Pod>().GetAsync(Env.Namespace, "events-0");
        await Env.UpdateAsync(Env.Clusters, SpoolFixture.ClusterName, c => c.Spec!.Config!["log.retention.ms"] = "3600000");
        var rolled = await Env.WaitForAsync(Env.Clusters, SpoolFixture.ClusterName,
            c => c.Status is not null && c.Status.ObservedGeneration == c.Metadata.Generation && SpoolEnvironment.IsReady(c.Status.Conditions)
                && !Conditions.IsTrue(c.Status.Conditions, Conditions.Progressing) && c.Status.UpdatedReplicas == 1,
            "the roll completes", TimeSpan.FromSeconds(120));
        rolled.Status!.ReadyReplicas.Should().Be(1);

        var after = await Env.Client.Resource<Pod>().GetAsync(Env.Namespace, "events-0");
        after.Metadata.Uid.Should().NotBe(before.Metadata.Uid, "the operator deleted the pod so that it restarted with the new configuration");
        await using var admin = Env.Admin(SpoolFixture.ClusterName);
        await Wait.UntilAsync(async () => (await admin.DescribeConfigAsync(ConfigResource.Broker(0))).Get("log.retention.ms")?.Value == "3600000",
            "the restarted broker runs with log.retention.ms=3600000");
    }
}
