using System.Text.Json.Nodes;
using Spool.Operator.Builders;
using Spool.Operator.Entities;
using Spool.Operator.Monitoring;
using Spool.Operator.Tests.Support;
using Spool.Operator.Yaml;

namespace Spool.Operator.Tests.Monitoring;

/// <summary>The cluster's rules are monitoring/spool-alerts.rules.yml, scoped, plus the groups' thresholds.</summary>
public sealed class PrometheusRuleBuilderTests
{
    private static readonly ClusterBlueprint Blueprint = new(Samples.Cluster(), Samples.Image);

    private static List<JsonObject> Rules(JsonObject rule) =>
        [.. rule["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).OfType<JsonObject>()];

    [Fact]
    public void Embedded_rules_are_the_ones_in_the_monitoring_directory() =>
        AlertRules.Source.Should().Be(File.ReadAllText(Path.Combine(RepoPaths.Root, "monitoring", AlertRules.ResourceName)));

    [Fact]
    public void Every_rule_of_the_rule_file_is_rendered_and_scoped()
    {
        var source = YamlReader.Read(AlertRules.Source)!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).OfType<JsonObject>()
            .Select(r => r["alert"]?.GetValue<string>() ?? r["record"]!.GetValue<string>()).ToList();
        var rendered = Rules(PrometheusRuleBuilder.Build(Blueprint, []));
        rendered.Select(r => r["alert"]?.GetValue<string>() ?? r["record"]!.GetValue<string>()).Should().Equal(source);
        foreach (var rule in rendered)
        {
            rule["expr"]!.GetValue<string>().Should().Contain("namespace=\"streaming\",cluster=\"events\"");
        }
    }

    [Fact]
    public void The_clusters_default_thresholds_replace_the_files()
    {
        var blueprint = new ClusterBlueprint(Samples.LargeCluster(), Samples.Image);
        var records = Rules(PrometheusRuleBuilder.Build(blueprint, [])).Single(r => r["record"]?.GetValue<string>() == AlertRules.RecordsThreshold);
        records["expr"]!.GetValue<string>().Should().Contain("* 0 + 50000").And.Contain("\"severity\", \"critical\"");
    }

    [Fact]
    public void Group_thresholds_become_override_series_with_the_labels_the_alerts_match()
    {
        var groups = new[]
        {
            Samples.Group("payments", new LagAlerting { MaxLagRecords = 500, Severity = AlertSeverity.Critical }, groupId: "payments-v2", createdSecond: 1),
            Samples.Group("duplicate", new LagAlerting { MaxLagRecords = 1 }, groupId: "payments-v2", createdSecond: 2),
            Samples.Group("loader", new LagAlerting { MaxLagSeconds = 3600, For = "30m" }, createdSecond: 3),
            Samples.Group("other-cluster", new LagAlerting { MaxLagRecords = 7 }, cluster: "elsewhere", createdSecond: 4),
        };
        var rules = Rules(PrometheusRuleBuilder.Build(Blueprint, groups.Where(g => g.Spec!.ClusterRef.Name == "events")));
        var overrides = rules.Where(r => r["record"]?.GetValue<string>()?.EndsWith("_override", StringComparison.Ordinal) == true).ToList();
        overrides.Should().HaveCount(2, "one threshold per group id (the oldest resource wins), only those set");
        var payments = overrides.Single(r => r["labels"]!["group"]!.GetValue<string>() == "payments-v2");
        payments["expr"]!.GetValue<string>().Should().Be("vector(500)");
        payments["labels"]!.AsObject().Select(kv => kv.Key).Should().BeEquivalentTo(["namespace", "cluster", "group", "severity"]);
        var loader = overrides.Single(r => r["labels"]!["group"]!.GetValue<string>() == "loader");
        loader["record"]!.GetValue<string>().Should().Be(AlertRules.SecondsOverride);
        loader["labels"]!["alert_for"]!.GetValue<string>().Should().Be("30m");
        var copies = rules.Where(r => r["for"]?.GetValue<string>() == "30m").ToList();
        copies.Should().NotBeEmpty();
        copies.Should().OnlyContain(r => r["expr"]!.GetValue<string>().Contains("alert_for=\"30m\"", StringComparison.Ordinal));
    }
}
