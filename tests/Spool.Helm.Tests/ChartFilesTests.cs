using System.Text.Json.Nodes;
using Spool.Helm.Tests.Support;

namespace Spool.Helm.Tests;

/// <summary>
/// The chart carries copies of files other parts of the repository own (Helm reads only files inside the chart):
/// they must stay identical, and the chart must ship them as they are.
/// </summary>
public sealed class ChartFilesTests
{
    [Fact]
    public void Chart_crds_are_identical_to_the_generated_crds()
    {
        var generated = Directory.GetFiles(ChartFiles.RepoCrds, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var shipped = Directory.GetFiles(ChartFiles.ChartCrds).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        generated.Should().NotBeEmpty();
        shipped.Should().Equal(generated, $"charts/spool/crds/ must hold exactly crds/*.yaml; run `{ChartFiles.SyncCommand}`");
        foreach (var name in generated)
        {
            File.ReadAllText(Path.Combine(ChartFiles.ChartCrds, name!)).Should().Be(
                File.ReadAllText(Path.Combine(ChartFiles.RepoCrds, name!)),
                $"charts/spool/crds/{name} differs from crds/{name}; run `{ChartFiles.SyncCommand}`");
        }
    }

    [Fact]
    public void Chart_alert_rules_are_identical_to_monitoring_rules()
    {
        File.ReadAllText(ChartFiles.ChartRules).Should().Be(File.ReadAllText(ChartFiles.CanonicalRules),
            $"charts/spool/files/spool-alerts.rules.yml is a copy of monitoring/spool-alerts.rules.yml; run `{ChartFiles.SyncCommand}`");
    }

    [HelmFact]
    public async Task Crds_are_installed_from_the_crds_folder_as_they_are()
    {
        var result = await ChartScenario.Default.TemplateAsync(HelmBinary.Helm4, "--include-crds");
        result.Succeeded.Should().BeTrue(result.ToString());
        var crds = RenderedChart.Parse(result.Output).OfKind("CustomResourceDefinition").ToList();
        var expected = Directory.GetFiles(ChartFiles.RepoCrds, "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => YamlDocuments.Parse(File.ReadAllText(f))).ToList();
        crds.Select(c => c.Name).Should().BeEquivalentTo(expected.Select(c => c["metadata"]!["name"]!.GetValue<string>()));
        foreach (var crd in crds)
        {
            var original = expected.Single(e => e["metadata"]!["name"]!.GetValue<string>() == crd.Name);
            JsonNode.DeepEquals(crd.Object, original).Should().BeTrue($"{crd.Name} is shipped unchanged (Helm neither templates nor upgrades crds/)");
        }

        // Templates never render CRDs: Helm would then delete them (and every custom resource) on uninstall.
        (await ChartScenario.Default.RenderAsync()).OfKind("CustomResourceDefinition").Should().BeEmpty();
    }

    [HelmFact]
    public async Task PrometheusRule_holds_exactly_the_shipped_rule_groups()
    {
        var rendered = await ChartScenario.MonitoringOn.RenderAsync();
        var rule = rendered.Single("PrometheusRule", "spool-alerts");
        rule.ApiVersion.Should().Be("monitoring.coreos.com/v1");
        var expected = YamlDocuments.Parse(File.ReadAllText(ChartFiles.CanonicalRules)).Single();
        JsonNode.DeepEquals(rule.Object["spec"], expected).Should().BeTrue("spec is the rules file's {groups: [...]}, unchanged");

        // Prometheus's own templates in annotations reach the PrometheusRule untouched by Helm.
        rule.Object.ToJsonString().Should().Contain("{{ $labels.group }}");
        rule.Labels["release"].Should().Be("prometheus");
    }

    [HelmFact]
    public async Task Dashboard_config_map_carries_the_dashboard_for_the_grafana_sidecar()
    {
        var rendered = await ChartScenario.MonitoringOn.RenderAsync();
        var map = rendered.Single("ConfigMap", "spool-dashboard");
        map.Namespace.Should().Be("monitoring");
        map.Labels["grafana_dashboard"].Should().Be("1");
        Manifest.Strings(map.Object["metadata"]!["annotations"])["grafana_folder"].Should().Be("Spool");
        var json = map.Object["data"]!["spool-overview.json"]!.GetValue<string>();
        json.Should().Be(File.ReadAllText(ChartFiles.Dashboard).TrimEnd('\n'));
        JsonNode.Parse(json)!["uid"]!.GetValue<string>().Should().Be("spool-overview");
    }

    [HelmFact]
    public async Task Monitoring_toggles_render_their_objects_and_nothing_when_off()
    {
        var on = await ChartScenario.MonitoringOn.RenderAsync();
        on.Single("ServiceMonitor", "spool-operator").Object["spec"]!["endpoints"]![0]!["port"]!.GetValue<string>().Should().Be("http");
        on.Single("Service", "spool-operator");
        var podMonitor = on.Single("PodMonitor", "spool-brokers");
        podMonitor.Object["spec"]!["namespaceSelector"]!["any"]!.GetValue<bool>().Should().BeTrue();
        Manifest.Strings(podMonitor.Object["spec"]!["selector"]!["matchLabels"]).Should().Contain("app.kubernetes.io/component", "broker");

        foreach (var off in new[] { ChartScenario.MonitoringOff, ChartScenario.Default })
        {
            var rendered = await off.RenderAsync();
            rendered.Manifests.Where(m => m.Group == "monitoring.coreos.com").Should().BeEmpty(off.Name);
            rendered.Manifests.Where(m => m.Labels.ContainsKey("grafana_dashboard")).Should().BeEmpty(off.Name);
        }

        // Namespace-scoped: the PodMonitor looks only where the operator manages brokers.
        var scoped = await ChartScenario.NamespaceScoped.RenderAsync();
        scoped.Single("PodMonitor", "spool-brokers").Object["spec"]!["namespaceSelector"]!["matchNames"]!.AsArray()
            .Select(n => n!.GetValue<string>()).Should().Equal("spool", "apps");
    }
}
