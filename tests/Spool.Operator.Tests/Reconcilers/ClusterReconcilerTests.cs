using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Operator.Builders;
using Spool.Operator.Entities;
using Spool.Operator.Reconcilers;
using Spool.Operator.Tests.Support;
using Spool.Testing;

namespace Spool.Operator.Tests.Reconcilers;

/// <summary>The Cluster reconciler against the API emulator (its StatefulSet controller and instant pods) and a fake Kafka cluster.</summary>
public sealed class ClusterReconcilerTests : IAsyncLifetime
{
    private const string Ns = ReconcilerEnvironment.Namespace;
    private ReconcilerEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await ReconcilerEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    private ResourceClient<SpoolCluster> Clusters => _env.Client.Resource<SpoolCluster>();

    private Task Reconcile(string name = "events") => _env.ReconcileAsync(_env.ClusterReconciler(), _env.Clusters, name);

    private async Task<SpoolCluster> CreateAsync(string name = "events", Action<ClusterSpec>? configure = null)
    {
        var spec = new ClusterSpec();
        configure?.Invoke(spec);
        return await Clusters.CreateAsync(new SpoolCluster { Metadata = new ObjectMeta { Name = name, Namespace = Ns }, Spec = spec });
    }

    /// <summary>Reconciles until the condition holds, as the controller's requeues would.</summary>
    private async Task<SpoolCluster> ConvergeAsync(Func<SpoolCluster, bool> done, string name = "events")
    {
        SpoolCluster? cluster = null;
        var converged = await Eventually.TrueAsync(async () =>
        {
            await Reconcile(name);
            cluster = await Clusters.GetAsync(Ns, name);
            return done(cluster);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        converged.Should().BeTrue($"the cluster should converge; status: {_env.Client.Serializer.Serialize(cluster?.Status)}");
        return cluster!;
    }

    [Fact]
    public async Task Children_are_created_owned_and_the_cluster_becomes_ready()
    {
        var created = await CreateAsync();
        var cluster = await ConvergeAsync(c => Conditions.IsTrue(c.Status?.Conditions, Conditions.Ready));
        (cluster.Status!.ClusterId, cluster.Status.ReadyReplicas, cluster.Status.BootstrapServers)
            .Should().Be(("fake-cluster-id", 1, "events-bootstrap.streaming.svc.cluster.local:9092"));

        var set = await _env.Client.Resource<StatefulSet>().GetAsync(Ns, "events");
        set.Metadata.OwnerReferences.Should().ContainSingle(r => r.Uid == created.Metadata.Uid && r.Controller == true);
        (await _env.Client.Resource<Service>().GetAsync(Ns, "events-brokers")).Spec!.ClusterIP.Should().Be("None");
        (await _env.Client.Resource<Service>().GetAsync(Ns, "events-bootstrap")).Should().NotBeNull();
        (await _env.Client.Resource<ConfigMap>().GetAsync(Ns, "events-config")).Data![BrokerPaths.PropertiesFileName].Should().Contain("controller.quorum.voters=0@events-0.");
        (await _env.Client.Resource<PodDisruptionBudget>().GetAsync(Ns, "events")).Should().NotBeNull();
        var pod = await _env.Client.Resource<Pod>().GetAsync(Ns, "events-0");
        pod.Metadata.Labels![StatefulSetBuilder.PodIndexLabel].Should().Be("0", "SPOOL_NODE_ID comes from this label");
    }

    [Fact]
    public async Task A_config_change_rolls_the_broker()
    {
        await CreateAsync();
        await ConvergeAsync(c => Conditions.IsTrue(c.Status?.Conditions, Conditions.Ready));
        var before = await _env.Client.Resource<Pod>().GetAsync(Ns, "events-0");
        await Clusters.UpdateAsync(Ns, "events", c =>
        {
            c.Spec!.Config = new() { ["log.retention.ms"] = "60000" };
            return true;
        });
        var rolled = await ConvergeAsync(c => c.Status?.ObservedGeneration == c.Metadata.Generation
            && Conditions.IsTrue(c.Status?.Conditions, Conditions.Ready) && !Conditions.IsTrue(c.Status?.Conditions, Conditions.Progressing));
        rolled.Status!.UpdatedReplicas.Should().Be(1);
        var after = await _env.Client.Resource<Pod>().GetAsync(Ns, "events-0");
        after.Metadata.Uid.Should().NotBe(before.Metadata.Uid, "the pod was deleted and recreated");
        after.Spec!.Containers![0].Should().NotBeNull();
        after.Metadata.Annotations![StatefulSetBuilder.ConfigHashAnnotation].Should().NotBe(before.Metadata.Annotations![StatefulSetBuilder.ConfigHashAnnotation]);
    }

    [Fact]
    public async Task Deleting_the_cluster_deletes_its_children_and_a_disabled_budget_goes_first()
    {
        await CreateAsync();
        await ConvergeAsync(c => Conditions.IsTrue(c.Status?.Conditions, Conditions.Ready));
        await Clusters.UpdateAsync(Ns, "events", c =>
        {
            c.Spec!.PodDisruptionBudget.Enabled = false;
            return true;
        });
        await ConvergeAsync(c => c.Status?.ObservedGeneration == c.Metadata.Generation);
        (await _env.Client.Resource<PodDisruptionBudget>().TryGetAsync(Ns, "events")).Should().BeNull("spec.podDisruptionBudget.enabled: false deletes it");

        await Clusters.DeleteAsync(Ns, "events");
        (await Eventually.TrueAsync(async () =>
                await _env.Client.Resource<StatefulSet>().TryGetAsync(Ns, "events") is null
                && await _env.Client.Resource<ConfigMap>().TryGetAsync(Ns, "events-config") is null
                && await _env.Client.Resource<Service>().TryGetAsync(Ns, "events-bootstrap") is null
                && await _env.Client.Resource<Service>().TryGetAsync(Ns, "events-brokers") is null,
            TimeSpan.FromSeconds(30))).Should().BeTrue("the garbage collector follows the ownerReferences");
    }

    [Fact]
    public async Task An_invalid_spec_changes_nothing_and_says_why()
    {
        await CreateAsync("bad", s => s.Config = new() { ["node.id"] = "3" });
        var cluster = await ConvergeAsync(c => c.Status?.Conditions is not null, "bad");
        var ready = Conditions.Find(cluster.Status!.Conditions, Conditions.Ready)!;
        (ready.Status, ready.Reason).Should().Be(("False", Reasons.InvalidSpec));
        ready.Message.Should().Contain("node.id");
        (await _env.Client.Resource<StatefulSet>().TryGetAsync(Ns, "bad")).Should().BeNull();
    }

    [Fact]
    public async Task More_than_one_broker_is_refused_until_brokers_replicate()
    {
        await CreateAsync("trio", s => s.Replicas = 3);
        var cluster = await ConvergeAsync(c => c.Status?.Conditions is not null, "trio");
        var ready = Conditions.Find(cluster.Status!.Conditions, Conditions.Ready)!;
        (ready.Status, ready.Reason).Should().Be(("False", Reasons.InvalidSpec));
        ready.Message.Should().Contain("spec.replicas is 3");
        (await _env.Client.Resource<StatefulSet>().TryGetAsync(Ns, "trio")).Should().BeNull("no broker pods that would refuse to start");
    }

    [Fact]
    public async Task Monitoring_objects_appear_once_their_crds_are_served()
    {
        await CreateAsync();
        await ConvergeAsync(c => Conditions.IsTrue(c.Status?.Conditions, Conditions.Ready));
        var monitors = _env.Client.Resource<JsonObject>(MonitoringResources.ServiceMonitors);

        await InstallMonitoringCrdsAsync(_env.Client);
        await _env.Client.Resource<SpoolConsumerGroup>().CreateAsync(new SpoolConsumerGroup
        {
            Metadata = new ObjectMeta { Name = "payments", Namespace = Ns },
            Spec = new ConsumerGroupSpec { ClusterRef = new ClusterReference { Name = "events" }, LagAlerting = new LagAlerting { MaxLagRecords = 500 } },
        });
        (await Eventually.TrueAsync(() => _env.Groups.Cache.Get(Ns, "payments") is not null, TimeSpan.FromSeconds(10))).Should().BeTrue();
        await Reconcile();

        var monitor = await monitors.GetAsync(Ns, "events");
        monitor["spec"]!["endpoints"]![0]!["port"]!.GetValue<string>().Should().Be("http");
        var rule = await _env.Client.Resource<JsonObject>(MonitoringResources.PrometheusRules).GetAsync(Ns, "events");
        rule.ToJsonString().Should().Contain("spool:consumer_group_lag_threshold:records_override").And.Contain("vector(500)");
    }

    /// <summary>The Prometheus Operator's two CRDs, reduced to what the API needs to serve them.</summary>
    private static async Task InstallMonitoringCrdsAsync(KubernetesClient client)
    {
        foreach (var type in new[] { MonitoringResources.ServiceMonitors, MonitoringResources.PrometheusRules })
        {
            await client.Resource<JsonObject>(ReconcilerEnvironment.Crds).CreateAsync(new JsonObject
            {
                ["apiVersion"] = "apiextensions.k8s.io/v1",
                ["kind"] = "CustomResourceDefinition",
                ["metadata"] = new JsonObject { ["name"] = $"{type.Plural}.{type.Group}" },
                ["spec"] = new JsonObject
                {
                    ["group"] = type.Group,
                    ["scope"] = "Namespaced",
                    ["names"] = new JsonObject { ["kind"] = type.Kind, ["plural"] = type.Plural, ["singular"] = type.Kind.ToLowerInvariant(), ["listKind"] = type.Kind + "List" },
                    ["versions"] = new JsonArray(new JsonObject
                    {
                        ["name"] = type.Version,
                        ["served"] = true,
                        ["storage"] = true,
                        ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
                    }),
                },
            });
            (await Eventually.TrueAsync(() => client.Discovery.IsServedAsync(type), TimeSpan.FromSeconds(10))).Should().BeTrue();
        }
    }
}
