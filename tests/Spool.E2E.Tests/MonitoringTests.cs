using System.Text.Json.Nodes;
using Spool.E2E.Tests.Harness;
using Spool.Kubernetes.Client;

namespace Spool.E2E.Tests;

/// <summary>ServiceMonitor and PrometheusRule exist only once the Prometheus Operator's CRDs are served, found by discovery.</summary>
[Collection(SpoolCollection.Name)]
public sealed class MonitoringTests(SpoolFixture fixture)
{
    private SpoolEnvironment Env => fixture.Env;

    [Fact]
    public async Task Monitoring_objects_follow_the_discovered_crds_and_carry_group_thresholds()
    {
        var monitors = Env.Client.Resource<JsonObject>(MonitoringResources.ServiceMonitors);
        var rules = Env.Client.Resource<JsonObject>(MonitoringResources.PrometheusRules);
        if (!await Env.Client.Discovery.IsServedAsync(MonitoringResources.ServiceMonitors))
        {
            await Env.InstallMonitoringCrdsAsync();
        }

        await Env.Groups.CreateAsync(new Operator.Entities.SpoolConsumerGroup
        {
            Metadata = new Kubernetes.Models.ObjectMeta { Name = "dashboards", Namespace = Env.Namespace },
            Spec = new Operator.Entities.ConsumerGroupSpec
            {
                ClusterRef = new Operator.Entities.ClusterReference { Name = SpoolFixture.ClusterName },
                LagAlerting = new Operator.Entities.LagAlerting { MaxLagSeconds = 120, For = "15m" },
            },
        });

        await Wait.UntilAsync(async () => await monitors.TryGetAsync(Env.Namespace, SpoolFixture.ClusterName) is not null, "the ServiceMonitor exists", context: Env.OperatorOutput);
        JsonObject? rule = null;
        await Wait.UntilAsync(async () => (rule = await rules.TryGetAsync(Env.Namespace, SpoolFixture.ClusterName))?.ToJsonString().Contains("vector(120)", StringComparison.Ordinal) == true,
            "the PrometheusRule carries the group's threshold", context: Env.OperatorOutput);
        var rendered = rule!["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).OfType<JsonObject>().ToList();
        var threshold = rendered.Single(r => r["labels"]?["group"]?.GetValue<string>() == "dashboards");
        (threshold["labels"]!["alert_for"]!.GetValue<string>(), threshold["labels"]!["namespace"]!.GetValue<string>(), threshold["labels"]!["cluster"]!.GetValue<string>())
            .Should().Be(("15m", Env.Namespace, SpoolFixture.ClusterName));
        rendered.Where(r => r["for"]?.GetValue<string>() == "15m").Should().NotBeEmpty("the lag alerts are copied for the group's own for");
        rendered.Should().OnlyContain(r => r["expr"]!.GetValue<string>().Contains($"namespace=\"{Env.Namespace}\",cluster=\"{SpoolFixture.ClusterName}\"", StringComparison.Ordinal)
            || r["expr"]!.GetValue<string>().StartsWith("vector(", StringComparison.Ordinal));
        await Env.Groups.DeleteAsync(Env.Namespace, "dashboards");
    }
}
