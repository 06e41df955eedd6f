using Microsoft.Extensions.Logging.Abstractions;
using Spool.Client.Admin;
using Spool.Client.Network;
using Spool.Client.Tests.Fakes;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Network;

public sealed class ClusterConnectionTests
{
    [Fact]
    public async Task The_pool_reconnects_after_the_broker_dropped_the_connection()
    {
        await using var cluster = new FakeCluster();
        var options = new ClientOptions { ReconnectBackoff = TimeSpan.FromMilliseconds(10) };
        await using var pool = new ConnectionPool(options, NullLogger.Instance);
        var endpoint = new BrokerEndpoint(0, "127.0.0.1", cluster.Servers[0].Port);

        var first = await pool.GetAsync(endpoint, CancellationToken.None);
        (await pool.GetAsync(endpoint, CancellationToken.None)).Should().BeSameAs(first);
        cluster.Servers[0].DropConnections();
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await pool.GetAsync(endpoint, CancellationToken.None);

        second.Should().NotBeSameAs(first);
        second.IsOpen.Should().BeTrue();
        cluster.Servers[0].ConnectionCount.Should().Be(2);
    }

    [Fact]
    public async Task Failed_connects_back_off_before_the_next_attempt()
    {
        int port;
        await using (var gone = new FakeKafkaServer((_, _) => ValueTask.FromResult<IKafkaResponse?>(null)))
        {
            port = gone.Port;
        }

        var options = new ClientOptions { ReconnectBackoff = TimeSpan.FromSeconds(30), ReconnectBackoffMax = TimeSpan.FromSeconds(30) };
        await using var pool = new ConnectionPool(options, NullLogger.Instance);
        var endpoint = new BrokerEndpoint(0, "127.0.0.1", port);

        await pool.Invoking(p => p.GetAsync(endpoint, CancellationToken.None)).Should().ThrowAsync<KafkaException>();
        pool.IsBackingOff(0).Should().BeTrue();
        using var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await pool.Invoking(p => p.GetAsync(endpoint, shortWait.Token)).Should().ThrowAsync<OperationCanceledException>("the next attempt waits for the backoff");
    }

    [Fact]
    public async Task An_unreachable_bootstrap_server_is_skipped()
    {
        await using var cluster = new FakeCluster();
        int deadPort;
        await using (var gone = new FakeKafkaServer((_, _) => ValueTask.FromResult<IKafkaResponse?>(null)))
        {
            deadPort = gone.Port;
        }

        await using var admin = TestClients.Admin(cluster, o => o.BootstrapServers = $"127.0.0.1:{deadPort}, {cluster.BootstrapServers}");

        (await admin.DescribeClusterAsync()).ClusterId.Should().Be("fake-cluster-id");
    }

    [Fact]
    public async Task Advertised_host_names_are_mapped_by_the_address_mapper()
    {
        await using var cluster = new FakeCluster(brokers: 2);
        foreach (var server in cluster.Servers)
        {
            server.AdvertisedHost = $"spool-{server.NodeId}.spool.test.invalid";
        }

        var ports = cluster.Servers.ToDictionary(s => s.AdvertisedHost, s => s.Port);
        cluster.CreateTopic("t", 2);
        await using var admin = TestClients.Admin(cluster, o =>
        {
            o.BootstrapServers = "bootstrap.spool.test.invalid:9092";
            o.AddressMapper = (host, port) => host == "bootstrap.spool.test.invalid" ? ("127.0.0.1", cluster.Servers[0].Port) : ("127.0.0.1", ports[host]);
        });

        var offsets = await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec>
        {
            [new("t", 0)] = OffsetSpec.Latest,
            [new("t", 1)] = OffsetSpec.Latest,
        });

        offsets.EnsureSuccess();
        cluster.Servers[1].ReceivedOf<ListOffsetsRequest>().Should().ContainSingle();
    }

    [Fact]
    public async Task Metadata_is_refreshed_when_older_than_metadata_max_age()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster, o => o.MetadataMaxAge = TimeSpan.FromMilliseconds(100));
        await producer.ProduceAsync(Spool.Client.Producer.ProducerRecord.Utf8("t", "k", "v"));
        var before = cluster.ReceivedOf<MetadataRequest>().Count();

        await Task.Delay(300);
        await producer.ProduceAsync(Spool.Client.Producer.ProducerRecord.Utf8("t", "k", "v"));
        await Task.Delay(300);

        cluster.ReceivedOf<MetadataRequest>().Count().Should().BeGreaterThan(before);
    }

    [Fact]
    public void Bootstrap_servers_are_parsed_like_kafka()
    {
        var endpoints = BrokerEndpoint.ParseBootstrap("a:1, PLAINTEXT://b:2,[::1]:3");

        endpoints.Should().Equal(new BrokerEndpoint(-1, "a", 1), new BrokerEndpoint(-2, "b", 2), new BrokerEndpoint(-3, "::1", 3));
        FluentActions.Invoking(() => BrokerEndpoint.ParseBootstrap("nohost")).Should().Throw<ArgumentException>();
    }
}
