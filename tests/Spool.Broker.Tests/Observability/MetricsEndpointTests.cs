using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Spool.Broker.Http;
using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Broker.Tests.Network;

namespace Spool.Broker.Tests.Observability;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_are_served_in_the_text_format_with_broker_partition_and_log_dir_series()
    {
        await using var broker = await InProcessBroker.StartAsync();
        await CreateTopicAsync(broker, "metrics-topic", 2);
        using var http = Client(broker);

        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; version=0.0.4; charset=utf-8");
        var clusterId = broker.Services.GetRequiredService<MetadataManager>().Image.ClusterId;
        text.Should().MatchRegex($"spool_broker_info\\{{version=\"[^\"]+\",node_id=\"0\",cluster_id=\"{clusterId}\"\\}} 1\n")
            .And.Contain("spool_broker_active_controller 1\n")
            .And.Contain("spool_cluster_brokers 1\n")
            .And.Contain("spool_partition_high_watermark{topic=\"metrics-topic\",partition=\"1\"} 0\n")
            .And.Contain("spool_partition_under_replicated{topic=\"metrics-topic\",partition=\"0\"} 0\n")
            .And.Contain("spool_partition_in_sync_replicas{topic=\"metrics-topic\",partition=\"0\"} 1\n")
            .And.Contain("spool_leader_partitions 2\n")
            .And.Contain("spool_offline_partitions 0\n")
            .And.Contain("spool_log_dir_online{dir=")
            .And.MatchRegex("spool_log_dir_free_bytes\\{dir=\"[^\"]+\"\\} [1-9][0-9]*\n");
    }

    [Fact]
    public async Task Partition_level_series_can_be_turned_off_leaving_topic_and_broker_series()
    {
        await using var broker = await InProcessBroker.StartAsync(("metrics.partition.level.enabled", "false"));
        await CreateTopicAsync(broker, "quiet-topic", 3);
        using var http = Client(broker);

        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        text.Should().NotContain("spool_partition_").And.NotContain("spool_consumer_group_lag{")
            .And.Contain("spool_topic_size_bytes{topic=\"quiet-topic\"} 0\n")
            .And.Contain("spool_partitions 3\n")
            .And.Contain("spool_under_replicated_partitions 0\n");
    }

    [Fact]
    public async Task Healthz_says_alive_and_readyz_follows_readiness()
    {
        await using var broker = await InProcessBroker.StartAsync();
        using var http = Client(broker);
        var readiness = broker.Services.GetRequiredService<BrokerReadiness>();

        (await http.GetStringAsync(new Uri("/healthz", UriKind.Relative))).Should().Be("ok\n");
        (await http.GetStringAsync(new Uri("/readyz", UriKind.Relative))).Should().Be("ready\n");

        readiness.MarkNotReady("catching up with the metadata log");
        using var notReady = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        notReady.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await notReady.Content.ReadAsStringAsync()).Should().Be("catching up with the metadata log\n");
        (await http.GetStringAsync(new Uri("/healthz", UriKind.Relative))).Should().Be("ok\n", "a broker that is not ready is still alive");

        readiness.MarkReady();
        (await http.GetStringAsync(new Uri("/readyz", UriKind.Relative))).Should().Be("ready\n");
    }

    private static HttpClient Client(InProcessBroker broker) =>
        new() { BaseAddress = new Uri(broker.Services.GetRequiredService<ListenerBinder>().HttpUrls.First()) };

    private static async Task CreateTopicAsync(InProcessBroker broker, string name, int partitions)
    {
        var result = await broker.Services.GetRequiredService<MetadataManager>()
            .CreateTopicAsync(name, partitions, 1, null, new Dictionary<string, string?>(), validateOnly: false);
        result.Error.Should().Be(Protocol.ErrorCode.None);
    }
}
