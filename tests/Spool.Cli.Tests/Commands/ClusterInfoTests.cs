using Spool.Cli.Tests.Infrastructure;

namespace Spool.Cli.Tests.Commands;

[Collection(BrokerCollection.Name)]
public sealed class ClusterInfoTests(BrokerFixture fixture)
{
    private readonly CliRunner _cli = fixture.Cli;

    [Fact]
    public async Task Shows_the_cluster_id_controller_brokers_and_topic_count()
    {
        (await _cli.RunAsync("topics", "create", Names.Unique("info"), "-p", "4")).Succeeded();
        var json = (await _cli.RunAsync("cluster", "info", "-o", "json")).Succeeded().Json();
        var clusterId = json.GetProperty("clusterId").GetString();
        clusterId.Should().HaveLength(22);
        json.GetProperty("controller").GetProperty("nodeId").GetInt32().Should().Be(0);
        var broker = json.GetProperty("brokers").EnumerateArray().Single();
        broker.GetProperty("host").GetString().Should().Be("127.0.0.1");
        broker.GetProperty("port").GetInt32().Should().Be(fixture.Broker.KafkaPort);
        json.GetProperty("topics").GetInt32().Should().BeGreaterThan(0);
        json.GetProperty("partitions").GetInt32().Should().BeGreaterThanOrEqualTo(4);

        var table = (await _cli.RunAsync("cluster", "info")).Succeeded();
        table.Lines[0].Should().Be($"Cluster id:   {clusterId}");
        table.Lines[1].Should().Be($"Controller:   0 (127.0.0.1:{fixture.Broker.KafkaPort})");
        table.Lines[2].Should().MatchRegex(@"^Topics:       \d+ \(\+\d+ internal\), \d+ partitions$");
        table.Lines[3].Should().MatchRegex(@"^BROKER\s+HOST\s+PORT\s+RACK\s+CONTROLLER");
        table.Lines[4].Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal("0", "127.0.0.1", fixture.Broker.KafkaPort.ToString(), "-", "yes");
    }
}
