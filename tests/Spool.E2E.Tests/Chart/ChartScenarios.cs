using System.Text.Json.Nodes;
using Spool.Client;
using Spool.E2E.Tests.Harness;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Configuration;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;
using Spool.Operator.Entities;
using Spool.Operator.Reconcilers;

namespace Spool.E2E.Tests.Chart;

/// <summary>
/// The operator's core scenarios with exactly the permissions the chart renders, enforced by the API emulator, so a
/// permission the chart lacks fails here (as a 403 the operator logs and the request log shows) and not in a
/// user's cluster. Steps run in order; the last one audits every call the operator made.
/// </summary>
public abstract class ChartScenarios<TFixture>(TFixture fixture)
    where TFixture : ChartFixture
{
    /// <summary>The name (and namespace) step 5 probes with, so the audit can tell its refused calls from the operator's.</summary>
    private const string ProbeName = "chart-e2e-probe";

    /// <summary>
    /// Granted but not necessarily called in these scenarios: clusters/finalizers is only checked by the API server's
    /// OwnerReferencesPermissionEnforcement when children with blockOwnerDeletion are created; an Event is patched only
    /// when the same event repeats; a Topic is read singly only when its finalizer patch meets a conflict.
    /// </summary>
    private static readonly HashSet<string> MayBeUnused = ["update spool.dev/clusters/finalizers", "patch core/events", "get spool.dev/topics"];

    protected TFixture Fixture { get; } = fixture;

    private SpoolEnvironment Env => Fixture.Env;

    private string OperatorUser => $"system:serviceaccount:{Env.Options.OperatorNamespace}:{ChartFixture.ServiceAccount}";

    [ChartFact]
    [Step(1)]
    public async Task Cluster_becomes_ready_with_its_children_and_monitoring()
    {
        var cluster = await Fixture.ClusterAsync();
        SpoolEnvironment.IsReady(cluster.Status!.Conditions).Should().BeTrue();
        cluster.Status.ReadyReplicas.Should().Be(1);
        (await Env.Client.Resource<StatefulSet>().GetAsync(Env.Namespace, ChartFixture.ClusterName)).Spec!.Replicas.Should().Be(1);
        await Env.Client.Resource<Service>().GetAsync(Env.Namespace, $"{ChartFixture.ClusterName}-bootstrap");
        await Env.Client.Resource<ConfigMap>().GetAsync(Env.Namespace, $"{ChartFixture.ClusterName}-config");
        await Env.Client.Resource<PodDisruptionBudget>().GetAsync(Env.Namespace, ChartFixture.ClusterName);
        await Wait.UntilAsync(async () =>
                await Env.Client.Resource<JsonObject>(MonitoringResources.ServiceMonitors).TryGetAsync(Env.Namespace, ChartFixture.ClusterName) is not null
                && await Env.Client.Resource<JsonObject>(MonitoringResources.PrometheusRules).TryGetAsync(Env.Namespace, ChartFixture.ClusterName) is not null,
            "the Cluster's ServiceMonitor and PrometheusRule exist", context: Env.OperatorOutput);
    }

    [ChartFact]
    [Step(2)]
    public async Task Topic_is_created_raised_and_deleted_in_the_broker()
    {
        await Env.CreateTopicAsync("orders", ChartFixture.ClusterName, 3);
        await Env.WaitForAsync(Env.Topics, "orders", t => SpoolEnvironment.IsReady(t.Status?.Conditions), "is Ready");
        (await PartitionsAsync("orders")).Should().Be(3);

        await Env.UpdateAsync(Env.Topics, "orders", t => t.Spec!.Partitions = 6);
        await Env.WaitForAsync(Env.Topics, "orders", t => t.Status?.Partitions == 6 && SpoolEnvironment.IsReady(t.Status.Conditions), "has 6 partitions");
        (await PartitionsAsync("orders")).Should().Be(6);

        await Env.Topics.DeleteAsync(Env.Namespace, "orders");
        await Wait.UntilAsync(async () => await Env.Topics.TryGetAsync(Env.Namespace, "orders") is null && await PartitionsAsync("orders") == 0,
            "the resource and the Kafka topic are gone", context: Env.OperatorOutput);
    }

    [ChartFact]
    [Step(3)]
    public async Task ConsumerGroup_status_shows_the_groups_lag()
    {
        await Env.CreateTopicAsync("payments", ChartFixture.ClusterName, 1);
        await Env.WaitForAsync(Env.Topics, "payments", t => SpoolEnvironment.IsReady(t.Status?.Conditions), "is Ready");
        await Env.ProduceAsync(ChartFixture.ClusterName, "payments", 10);
        await using (var admin = Env.Admin(ChartFixture.ClusterName))
        {
            // A group that has read 4 of the 10 records and has no member now.
            var results = await admin.AlterConsumerGroupOffsetsAsync("billing", new Dictionary<TopicPartition, OffsetAndMetadata>
            {
                [new TopicPartition("payments", 0)] = new(4),
            });
            results.Should().OnlyContain(r => r.Error == null);
        }

        await Env.Groups.CreateAsync(new SpoolConsumerGroup
        {
            Metadata = new ObjectMeta { Name = "billing", Namespace = Env.Namespace },
            Spec = new ConsumerGroupSpec { ClusterRef = new ClusterReference { Name = ChartFixture.ClusterName }, Topics = ["payments"] },
        });
        var group = await Env.WaitForAsync(Env.Groups, "billing", g => g.Status?.TotalLag == 6, "shows a lag of 6 records");
        (group.Status!.State, group.Status.Members, group.Status.Lag!.Single().Topic).Should().Be(("Empty", 0, "payments"));
        Conditions.Find(group.Status.Conditions, Conditions.Ready).Should().NotBeNull();
    }

    [ChartFact]
    [Step(4)]
    public async Task Changes_roll_the_broker_and_children_turned_off_are_deleted()
    {
        var before = await Env.Client.Resource<Pod>().GetAsync(Env.Namespace, $"{ChartFixture.ClusterName}-0");
        await Env.UpdateAsync(Env.Clusters, ChartFixture.ClusterName, c => c.Spec!.Config!["log.retention.ms"] = "3600000");
        await Env.WaitForAsync(Env.Clusters, ChartFixture.ClusterName,
            c => c.Status is not null && c.Status.ObservedGeneration == c.Metadata.Generation && SpoolEnvironment.IsReady(c.Status.Conditions)
                && !Conditions.IsTrue(c.Status.Conditions, Conditions.Progressing) && c.Status.UpdatedReplicas == 1,
            "the roll completes", TimeSpan.FromSeconds(120));
        (await Env.Client.Resource<Pod>().GetAsync(Env.Namespace, $"{ChartFixture.ClusterName}-0")).Metadata.Uid
            .Should().NotBe(before.Metadata.Uid, "the operator deleted the pod so that it restarted with the new configuration");

        await Env.UpdateAsync(Env.Clusters, ChartFixture.ClusterName, c =>
        {
            c.Spec!.Metrics.ServiceMonitor = false;
            c.Spec.Metrics.PrometheusRule = false;
            c.Spec.PodDisruptionBudget.Enabled = false;
        });
        await Wait.UntilAsync(async () =>
                await Env.Client.Resource<JsonObject>(MonitoringResources.ServiceMonitors).TryGetAsync(Env.Namespace, ChartFixture.ClusterName) is null
                && await Env.Client.Resource<JsonObject>(MonitoringResources.PrometheusRules).TryGetAsync(Env.Namespace, ChartFixture.ClusterName) is null
                && await Env.Client.Resource<PodDisruptionBudget>().TryGetAsync(Env.Namespace, ChartFixture.ClusterName) is null,
            "the ServiceMonitor, PrometheusRule and PodDisruptionBudget turned off are deleted", context: Env.OperatorOutput);
    }

    /// <summary>RBAC is really enforced for the operator's ServiceAccount: what the chart does not grant answers 403.</summary>
    [ChartFact]
    [Step(5)]
    public async Task A_call_outside_the_charts_roles_is_refused()
    {
        using var client = new KubernetesClient(
            new KubernetesClientOptions
            {
                Server = Env.Api.BaseAddress,
                TokenSource = new StaticTokenSource(Env.Api.MintServiceAccountToken(Env.Options.OperatorNamespace, ChartFixture.ServiceAccount)),
            },
            new KubernetesSerializer(OperatorJsonContext.Default));
        var secrets = new ResourceType("", "v1", "secrets", "Secret", Namespaced: true);
        var refused = await FluentActions.Awaiting(() => client.Resource<JsonObject>(secrets).GetAsync(Env.Namespace, ProbeName))
            .Should().ThrowAsync<KubernetesApiException>();
        refused.Which.StatusCode.Should().Be(403);

        // What the operator may do in its watched namespace, it may not do elsewhere unless it watches everything.
        var readElsewhere = FluentActions.Awaiting(() => client.Resource<SpoolCluster>().ListAsync(ProbeName));
        if (Fixture.OperatorFlags.Any(f => f.StartsWith("--watch-namespaces", StringComparison.Ordinal)))
        {
            (await readElsewhere.Should().ThrowAsync<KubernetesApiException>()).Which.StatusCode.Should().Be(403);
        }
        else
        {
            await readElsewhere.Should().NotThrowAsync("a cluster-wide install reads Clusters in every namespace");
        }
    }

    [ChartFact]
    [Step(6)]
    public async Task Every_call_of_the_operator_was_allowed_and_every_granted_permission_was_used()
    {
        var forbidden = Env.Api.Requests.Snapshot()
            .Where(r => r.User == OperatorUser && r.StatusCode == 403 && r.Name != ProbeName && r.Namespace != ProbeName)
            .Select(r => $"{r.Verb} {r.Group}/{r.Resource}/{r.Subresource} {r.Namespace}/{r.Name}")
            .ToList();
        forbidden.Should().BeEmpty("the chart's roles must cover every call the operator makes\n{0}", Env.OperatorOutput());

        var rbac = new RenderedRbac(Fixture.Rendered, Env.Options.OperatorNamespace, ChartFixture.ServiceAccount);
        var calls = await RecordedCalls.ReadAsync(Env.CallLog(Fixture.Operator.Identity));
        calls.Should().NotBeEmpty();
        calls.Where(c => !rbac.Allows(c)).Select(c => c.ToString()).Should().BeEmpty("every call the operator recorded is allowed by the rendered roles");

        var used = calls.Where(c => c.RbacResource is not null).Select(c => RenderedRbac.Key(c.Verb, c.Group, c.RbacResource!)).ToHashSet();
        rbac.Granted().Where(p => !used.Contains(p)).Should().BeSubsetOf(MayBeUnused,
            "the chart grants only what the operator uses (the scenarios exercise every other permission)");
    }

    private async Task<int> PartitionsAsync(string topic)
    {
        await using var admin = Env.Admin(ChartFixture.ClusterName);
        var description = (await admin.DescribeTopicsAsync([topic]))[0];
        return description.Error is null ? description.Partitions.Count : 0;
    }
}
