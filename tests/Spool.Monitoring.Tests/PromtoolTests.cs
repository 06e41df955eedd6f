using Spool.Monitoring.Tests.Support;
using Spool.Testing;

namespace Spool.Monitoring.Tests;

/// <summary>The rules files and the /metrics exposition, judged by Prometheus's own promtool.</summary>
public sealed class PromtoolTests
{
    [Fact]
    public async Task The_rule_files_are_valid()
    {
        var result = await Promtool.CheckRulesAsync(TestFiles.AlertRules, TestFiles.ThresholdOverrides);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().NotContain("duplicate", result.ToString());
    }

    [Fact]
    public async Task The_alert_rules_pass_their_promtool_unit_tests()
    {
        var result = await Promtool.TestRulesAsync(TestFiles.AlertRuleTests);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("SUCCESS");
    }

    [Fact]
    public async Task The_metrics_exposition_passes_promtool_check_metrics()
    {
        await using var broker = await BrokerProcess.StartAsync(new Dictionary<string, string> { ["group.initial.rebalance.delay.ms"] = "0" });
        var client = new KafkaClient(broker.BootstrapServers);
        await client.CreateTopicAsync("exposition", 3);
        await client.ProduceAsync("exposition", 30);
        await client.ConsumeAndCommitAsync("exposition", "exposition-readers", 30);

        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(broker.HttpUrl + "/metrics"));
        var exposition = await response.Content.ReadAsStringAsync();
        var check = await Promtool.CheckMetricsAsync(exposition);

        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; version=0.0.4; charset=utf-8");
        check.ExitCode.Should().Be(0, check.ToString());
        (check.Stdout + check.Stderr).Should().BeEmpty("promtool reports no lint problems");
        exposition.Should().Contain("spool_consumer_group_lag{group=\"exposition-readers\",topic=\"exposition\",partition=\"0\"} 0")
            .And.Contain("spool_request_duration_seconds_bucket{api=\"Produce\",le=\"+Inf\"}")
            .And.Contain("spool_topic_records_in_total{topic=\"exposition\"} 30");
    }
}
