using Spool.Kubernetes.Models;
using Spool.Operator.Builders;
using Spool.Operator.Entities;
using Spool.Operator.Tests.Support;

namespace Spool.Operator.Tests.Builders;

/// <summary>The properties of the broker pods that the contracts depend on, independent of the golden files' layout.</summary>
public sealed class StatefulSetBuilderTests
{
    private static Container BrokerOf(StatefulSet set) => set.Spec!.Template!.Spec!.Containers!.Single();

    [Fact]
    public void Node_id_comes_from_the_pod_index_label_without_a_shell()
    {
        var broker = BrokerOf(StatefulSetBuilder.Build(new ClusterBlueprint(Samples.Cluster(), Samples.Image)));
        broker.Command.Should().BeNull("the image's own entrypoint runs, no shell is needed");
        broker.Args.Should().Equal(BrokerPaths.PropertiesFile);
        broker.Env!.Single(e => e.Name == "SPOOL_NODE_ID").ValueFrom!.FieldRef!.FieldPath.Should().Be("metadata.labels['apps.kubernetes.io/pod-index']");
    }

    [Fact]
    public void Each_pod_advertises_its_stable_dns_name()
    {
        var broker = BrokerOf(StatefulSetBuilder.Build(new ClusterBlueprint(Samples.Cluster(), Samples.Image)));
        broker.Env!.Select(e => e.Name).Should().ContainInOrder("POD_NAME", "SPOOL_ADVERTISED_LISTENERS");
        broker.Env!.Single(e => e.Name == "SPOOL_ADVERTISED_LISTENERS").Value
            .Should().Be("PLAINTEXT://$(POD_NAME).events-brokers.streaming.svc.cluster.local:9092");
    }

    [Fact]
    public void Pods_are_restricted()
    {
        var set = StatefulSetBuilder.Build(new ClusterBlueprint(Samples.Cluster(), Samples.Image));
        var pod = set.Spec!.Template!.Spec!;
        pod.SecurityContext!.RunAsNonRoot.Should().BeTrue();
        pod.SecurityContext.SeccompProfile!.Type.Should().Be("RuntimeDefault");
        var security = BrokerOf(set).SecurityContext!;
        security.ReadOnlyRootFilesystem.Should().BeTrue();
        security.AllowPrivilegeEscalation.Should().BeFalse();
        security.Capabilities!.Drop.Should().Equal("ALL");
        BrokerOf(set).VolumeMounts!.Select(m => m.MountPath).Should().BeEquivalentTo([BrokerPaths.Volume, BrokerPaths.ConfigDirectory, BrokerPaths.Tmp]);
    }

    [Fact]
    public void Pods_start_in_parallel_and_roll_only_when_the_operator_deletes_them()
    {
        var spec = StatefulSetBuilder.Build(new ClusterBlueprint(Samples.Cluster(), Samples.Image)).Spec!;
        spec.PodManagementPolicy.Should().Be("Parallel");
        spec.UpdateStrategy!.Type.Should().Be("OnDelete");
    }

    [Fact]
    public void Probes_use_the_broker_http_port()
    {
        var broker = BrokerOf(StatefulSetBuilder.Build(new ClusterBlueprint(Samples.Cluster(), Samples.Image)));
        broker.ReadinessProbe!.HttpGet!.Path.Should().Be("/readyz");
        broker.LivenessProbe!.HttpGet!.Path.Should().Be("/healthz");
        broker.Ports!.Single(p => p.Name == BrokerPorts.HttpName).Port.Should().Be(9644);
    }

    [Fact]
    public void A_config_change_changes_the_pod_template()
    {
        var before = new ClusterBlueprint(Samples.Cluster(), Samples.Image);
        var after = new ClusterBlueprint(Samples.Cluster(configure: s => s.Config = new() { ["log.retention.ms"] = "1000" }), Samples.Image);
        var hash = (ClusterBlueprint b) => StatefulSetBuilder.Build(b).Spec!.Template!.Metadata!.Annotations![StatefulSetBuilder.ConfigHashAnnotation];
        hash(after).Should().NotBe(hash(before));
        hash(new ClusterBlueprint(Samples.Cluster(), Samples.Image)).Should().Be(hash(before));
    }

    [Fact]
    public void Claim_policies_follow_the_storage_spec()
    {
        var keep = StatefulSetBuilder.Build(new ClusterBlueprint(Samples.Cluster(), Samples.Image)).Spec!.PersistentVolumeClaimRetentionPolicy!;
        (keep.WhenScaled, keep.WhenDeleted).Should().Be(("Retain", "Retain"));
        var delete = StatefulSetBuilder.Build(new ClusterBlueprint(Samples.LargeCluster(), Samples.Image)).Spec!.PersistentVolumeClaimRetentionPolicy!;
        (delete.WhenScaled, delete.WhenDeleted).Should().Be(("Delete", "Delete"));
    }

    [Fact]
    public void Live_claim_templates_are_kept_when_given()
    {
        var live = new PersistentVolumeClaim { Metadata = new ObjectMeta { Name = ClusterNames.DataVolume }, Spec = new PersistentVolumeClaimSpec { StorageClassName = "old" } };
        StatefulSetBuilder.Build(new ClusterBlueprint(Samples.LargeCluster(), Samples.Image), [live]).Spec!.VolumeClaimTemplates.Should().ContainSingle().Which.Should().BeSameAs(live);
    }

    [Fact]
    public void The_default_affinity_is_replaced_by_the_spec()
    {
        var spread = StatefulSetBuilder.Build(new ClusterBlueprint(Samples.Cluster(), Samples.Image)).Spec!.Template!.Spec!.Affinity!;
        spread["podAntiAffinity"].Should().NotBeNull();
        var custom = new System.Text.Json.Nodes.JsonObject { ["nodeAffinity"] = new System.Text.Json.Nodes.JsonObject() };
        var set = StatefulSetBuilder.Build(new ClusterBlueprint(Samples.Cluster(configure: s => s.Pod.Affinity = custom), Samples.Image));
        set.Spec!.Template!.Spec!.Affinity!.ContainsKey("podAntiAffinity").Should().BeFalse();
    }

    [Fact]
    public void User_labels_cannot_replace_the_selector_labels()
    {
        var labels = StatefulSetBuilder.Build(new ClusterBlueprint(Samples.LargeCluster(), Samples.Image)).Spec!.Template!.Metadata!.Labels!;
        labels[ClusterLabels.Instance].Should().Be("orders");
        labels["team"].Should().Be("payments");
    }

    [Fact]
    public void The_image_defaults_to_the_operator_setting()
    {
        BrokerOf(StatefulSetBuilder.Build(new ClusterBlueprint(Samples.Cluster(), "img:1"))).Image.Should().Be("img:1");
        BrokerOf(StatefulSetBuilder.Build(new ClusterBlueprint(Samples.Cluster(configure: s => s.Image = "img:2"), "img:1"))).Image.Should().Be("img:2");
    }

    [Fact]
    public void ClusterSpec_defaults_match_the_documented_ones()
    {
        var spec = new ClusterSpec();
        (spec.Replicas, spec.Storage.Size, spec.Listener.Port, spec.PodDisruptionBudget.MaxUnavailable).Should().Be((1, "10Gi", 9092, 1));
    }
}
