using System.Globalization;
using System.Text.Json;
using Spool.Monitoring.Tests.Support;
using Spool.Testing;

namespace Spool.Monitoring.Tests;

/// <summary>
/// A broker, a real Prometheus scraping it every second with the shipped alert rules (shortened <c>for:</c>) and a
/// per-group threshold override, and a real client whose consumer group stops consuming while records arrive.
/// </summary>
public sealed class PrometheusEndToEndTests
{
    private const string Topic = "orders";
    private const string Group = "orders-app";
    private const int MaxLagRecords = 10;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Lag_is_scraped_matches_the_admin_api_raises_the_alert_and_feeds_every_dashboard_query()
    {
        await using var broker = await BrokerProcess.StartAsync(new Dictionary<string, string> { ["group.initial.rebalance.delay.ms"] = "0" });
        using var rules = new TempDirectory("spool-rules");
        var ruleFiles = await TestRules.WriteAsync(rules.Path, Group, MaxLagRecords, severity: "critical", forDuration: "3s");
        await using var prometheus = await PrometheusServer.StartAsync(new Uri(broker.HttpUrl).Authority, ruleFiles);
        var client = new KafkaClient(broker.BootstrapServers);

        // A group that consumed and committed everything: lag 0 is scraped and the lag alert is inactive.
        await client.CreateTopicAsync(Topic, 2);
        await client.ProduceAsync(Topic, 40);
        await client.ConsumeAndCommitAsync(Topic, Group, 40);
        await WaitForDataAsync(prometheus, $"spool_consumer_group_topic_lag{{group=\"{Group}\",topic=\"{Topic}\"}} == 0", "the caught-up group's lag");
        await WaitForDataAsync(prometheus, $"spool:consumer_group_lag_threshold:records{{group=\"{Group}\"}} == {MaxLagRecords}", "the group's threshold override");
        (await prometheus.AlertRuleStatesAsync())["SpoolConsumerGroupLagHigh"].Should().Be("inactive");

        // The group has stopped consuming; 30 more records arrive on partition 0.
        await client.ProduceAsync(Topic, 30, partition: 0);
        await AlertGoesPendingThenFiringAsync(prometheus);
        await LagMatchesTheAdminApiAsync(prometheus, client);
        await LagSecondsIsTheAgeOfTheNextRecordAsync(prometheus, client);
        await EveryDashboardQueryReturnsDataAsync(prometheus);
    }

    private static async Task AlertGoesPendingThenFiringAsync(PrometheusServer prometheus)
    {
        var seen = new List<string>();
        JsonElement alert = default;
        var fired = await Eventually.TrueAsync(
            async () =>
            {
                var found = (await prometheus.AlertsAsync()).EnumerateArray().Where(IsOurLagAlert).ToList();
                if (found.Count == 0)
                {
                    return false;
                }

                alert = found[0];
                var state = alert.GetProperty("state").GetString()!;
                if (seen.Count == 0 || seen[^1] != state)
                {
                    seen.Add(state);
                }

                return state == "firing";
            },
            Settle,
            TimeSpan.FromMilliseconds(100));

        fired.Should().BeTrue($"SpoolConsumerGroupLagHigh should fire for {Group}; states seen: {string.Join(" → ", seen)}");
        seen.Should().Equal(["pending", "firing"], "the alert waits out its for: before firing");
        var labels = alert.GetProperty("labels");
        labels.GetProperty("topic").GetString().Should().Be(Topic);
        labels.GetProperty("severity").GetString().Should().Be("critical", "the override's severity becomes the alert's");
        alert.GetProperty("annotations").GetProperty("summary").GetString().Should().Be($"Consumer group {Group} lags 30 records on topic {Topic}");
    }

    private static async Task LagMatchesTheAdminApiAsync(PrometheusServer prometheus, KafkaClient client)
    {
        var admin = await client.OffsetsAsync(Topic, Group);
        admin.Select(p => p.HighWatermark - p.Committed).Should().Equal(30, 0);
        foreach (var (partition, committed, highWatermark) in admin)
        {
            var selector = $"{{group=\"{Group}\",topic=\"{Topic}\",partition=\"{partition.ToString(CultureInfo.InvariantCulture)}\"}}";
            await WaitForValueAsync(prometheus, "spool_consumer_group_lag" + selector, highWatermark - committed);
            await WaitForValueAsync(prometheus, "spool_consumer_group_committed_offset" + selector, committed);
            await WaitForValueAsync(prometheus, "spool_partition_high_watermark" + $"{{topic=\"{Topic}\",partition=\"{partition.ToString(CultureInfo.InvariantCulture)}\"}}", highWatermark);
        }

        await WaitForValueAsync(prometheus, $"spool_consumer_group_topic_lag{{group=\"{Group}\",topic=\"{Topic}\"}}", admin.Sum(p => p.HighWatermark - p.Committed));
    }

    private static async Task LagSecondsIsTheAgeOfTheNextRecordAsync(PrometheusServer prometheus, KafkaClient client)
    {
        var admin = await client.OffsetsAsync(Topic, Group);
        var (partition, committed, _) = admin.Single(p => p.HighWatermark > p.Committed);
        var recordSeconds = await client.TimestampAsync(Topic, partition, committed) / 1000.0;
        var series = $"spool_consumer_group_lag_seconds{{group=\"{Group}\",topic=\"{Topic}\",partition=\"{partition.ToString(CultureInfo.InvariantCulture)}\"}}";

        // The scraped age minus (scrape time - record time): the broker computes its age at most one snapshot
        // (half a second) before the scrape.
        var difference = ValueOf(await prometheus.QueryAsync(
            $"{series} - (timestamp({series}) - {recordSeconds.ToString(CultureInfo.InvariantCulture)})"));
        difference.Should().BeInRange(-1.0, 0.1, "lag seconds is the age of the record at the committed offset");

        var caughtUp = admin.Single(p => p.HighWatermark == p.Committed).Partition.ToString(CultureInfo.InvariantCulture);
        await WaitForValueAsync(prometheus, $"spool_consumer_group_lag_seconds{{group=\"{Group}\",partition=\"{caughtUp}\"}}", 0);
    }

    private static async Task EveryDashboardQueryReturnsDataAsync(PrometheusServer prometheus)
    {
        var dashboard = DashboardFile.Load(TestFiles.Dashboard);
        var values = new Dictionary<string, string>
        {
            ["namespace"] = ".*",
            ["cluster"] = ".*",
            ["topic"] = Topic,
            ["group"] = Group,
            ["__rate_interval"] = "1m",
        };
        var queries = dashboard.Queries.Select(q => (q.ToString(), DashboardFile.Substitute(q.Expression, values)))
            .Concat(dashboard.Variables
                .Where(v => v.GetProperty("type").GetString() == "query")
                .Select(v => ($"variable {v.GetProperty("name").GetString()}",
                    DashboardFile.Substitute(DashboardFile.LabelValuesAsPromQl(v.GetProperty("query").GetProperty("query").GetString()!), values))))
            .ToList();

        var empty = queries.Select(q => q.Item1).ToList();
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var (name, promql) in queries.Where(q => empty.Contains(q.Item1)))
                {
                    if ((await prometheus.QueryAsync(promql)).GetArrayLength() > 0)
                    {
                        empty.Remove(name);
                    }
                }

                return empty.Count == 0;
            },
            Settle,
            TimeSpan.FromMilliseconds(500));

        empty.Should().BeEmpty("every dashboard query returns data once the broker has traffic");
    }

    private static bool IsOurLagAlert(JsonElement alert)
    {
        var labels = alert.GetProperty("labels");
        return labels.GetProperty("alertname").GetString() == "SpoolConsumerGroupLagHigh"
            && labels.TryGetProperty("group", out var group) && group.GetString() == Group;
    }

    private static async Task WaitForDataAsync(PrometheusServer prometheus, string promql, string what)
    {
        var found = await Eventually.TrueAsync(async () => (await prometheus.QueryAsync(promql)).GetArrayLength() > 0, Settle, TimeSpan.FromMilliseconds(200));
        found.Should().BeTrue($"Prometheus should have {what} ({promql}); target: {await prometheus.TargetAsync()}");
    }

    private static async Task WaitForValueAsync(PrometheusServer prometheus, string promql, double expected)
    {
        double? last = null;
        var matched = await Eventually.TrueAsync(
            async () =>
            {
                var result = await prometheus.QueryAsync(promql);
                last = result.GetArrayLength() == 1 ? ValueOf(result) : null;
                return last == expected;
            },
            Settle,
            TimeSpan.FromMilliseconds(200));
        matched.Should().BeTrue($"{promql} should be {expected} (last seen: {last?.ToString(CultureInfo.InvariantCulture) ?? "no single series"})");
    }

    private static double ValueOf(JsonElement result) =>
        double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
}
