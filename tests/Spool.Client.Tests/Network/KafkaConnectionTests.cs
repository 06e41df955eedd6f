using Microsoft.Extensions.Logging.Abstractions;
using Spool.Client.Network;
using Spool.Client.Tests.Fakes;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Network;

public sealed class KafkaConnectionTests
{
    private static readonly FakeRequestHandler EchoMetadata = (context, request) =>
    {
        // Echoes the first requested topic as the cluster id, so each caller can check it got its own answer.
        var metadata = (MetadataRequest)request;
        return ValueTask.FromResult<IKafkaResponse?>(new MetadataResponse { ClusterId = metadata.Topics?.FirstOrDefault()?.Name });
    };

    [Fact]
    public async Task Handshake_sends_software_name_and_negotiates_highest_common_version()
    {
        await using var server = new FakeKafkaServer(EchoMetadata);
        server.SupportedVersions[ApiKey.Metadata] = (0, 7);
        await using var connection = await OpenAsync(server);

        var hello = server.ReceivedOf<ApiVersionsRequest>().Single();
        hello.ClientSoftwareName.Should().Be("spool-dotnet");
        hello.ClientSoftwareVersion.Should().NotBeNullOrEmpty();
        server.Received.First().Header.ApiVersion.Should().Be(ApiCatalog.Get(ApiKey.ApiVersions).HighestVersion);
        connection.NegotiateVersion(ApiKey.Metadata).Should().Be(7);
        connection.NegotiateVersion(ApiKey.Metadata, maxVersion: 4).Should().Be(4);
        connection.NegotiateVersion(ApiKey.Fetch).Should().Be(ApiCatalog.Get(ApiKey.Fetch).HighestVersion);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public async Task Handshake_falls_back_when_the_broker_answers_unsupported_version_at_v0(short brokerMax)
    {
        await using var server = new FakeKafkaServer(EchoMetadata);
        server.SupportedVersions[ApiKey.ApiVersions] = (0, brokerMax);
        await using var connection = await OpenAsync(server);

        server.Received.Select(r => r.Header.ApiVersion).Should().Equal(ApiCatalog.Get(ApiKey.ApiVersions).HighestVersion, brokerMax);
        connection.NegotiateVersion(ApiKey.Metadata).Should().Be(ApiCatalog.Get(ApiKey.Metadata).HighestVersion);
    }

    [Fact]
    public async Task Negotiation_fails_with_unsupported_version_when_ranges_do_not_overlap()
    {
        await using var server = new FakeKafkaServer(EchoMetadata);
        server.SupportedVersions[ApiKey.Produce] = (0, 2);
        server.SupportedVersions.Remove(ApiKey.DescribeCluster);
        await using var connection = await OpenAsync(server);

        connection.Invoking(c => c.NegotiateVersion(ApiKey.Produce)).Should().Throw<KafkaException>().Which.Error.Should().Be(ErrorCode.UnsupportedVersion);
        connection.Invoking(c => c.NegotiateVersion(ApiKey.DescribeCluster)).Should().Throw<KafkaException>().Which.Error.Should().Be(ErrorCode.UnsupportedVersion);
    }

    [Fact]
    public async Task Many_requests_in_flight_each_get_their_own_response()
    {
        await using var server = new FakeKafkaServer(EchoMetadata);
        await using var connection = await OpenAsync(server);

        var calls = Enumerable.Range(0, 200).Select(async i =>
        {
            var request = new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = $"t{i}" }] };
            var response = await connection.SendAsync<MetadataRequest, MetadataResponse>(request, CancellationToken.None);
            return (i, response.ClusterId);
        }).ToArray();

        foreach (var (i, clusterId) in await Task.WhenAll(calls))
        {
            clusterId.Should().Be($"t{i}");
        }

        server.ConnectionCount.Should().Be(1);
        var correlationIds = server.Received.Select(r => r.Header.CorrelationId).ToList();
        correlationIds.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_request_without_response_keeps_correlation_in_step()
    {
        await using var server = new FakeKafkaServer((context, request) =>
            request is ProduceRequest ? ValueTask.FromResult<IKafkaResponse?>(null) : EchoMetadata(context, request));
        await using var connection = await OpenAsync(server);

        var produce = new ProduceRequest { Acks = 0, TimeoutMs = 1000 };
        await connection.SendWithoutResponseAsync(produce, connection.NegotiateVersion(ApiKey.Produce), CancellationToken.None);
        var request = new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = "after" }] };
        var response = await connection.SendAsync<MetadataRequest, MetadataResponse>(request, CancellationToken.None);

        response.ClusterId.Should().Be("after");
        server.ReceivedOf<ProduceRequest>().Should().ContainSingle().Which.Acks.Should().Be(0);
    }

    [Fact]
    public async Task A_request_that_times_out_fails_and_closes_the_connection()
    {
        var silence = new TaskCompletionSource<IKafkaResponse?>();
        await using var server = new FakeKafkaServer((_, _) => new ValueTask<IKafkaResponse?>(silence.Task));
        await using var connection = await OpenAsync(server, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        var first = connection.SendAsync<MetadataRequest, MetadataResponse>(new MetadataRequest(), CancellationToken.None);
        var second = connection.SendAsync<MetadataRequest, MetadataResponse>(new MetadataRequest(), CancellationToken.None);

        (await first.Invoking(t => t).Should().ThrowAsync<KafkaException>()).Which.Error.Should().Be(ErrorCode.RequestTimedOut);
        (await second.Invoking(t => t).Should().ThrowAsync<KafkaException>()).Which.IsRetriable.Should().BeTrue();
        connection.IsOpen.Should().BeFalse();
        await connection.Invoking(c => c.SendAsync<MetadataRequest, MetadataResponse>(new MetadataRequest(), CancellationToken.None))
            .Should().ThrowAsync<KafkaException>();
        silence.SetResult(null);
    }

    [Fact]
    public async Task A_cancelled_request_does_not_disturb_the_ones_after_it()
    {
        var gate = new TaskCompletionSource();
        await using var server = new FakeKafkaServer(async (context, request) =>
        {
            if (((MetadataRequest)request).Topics?.FirstOrDefault()?.Name == "slow")
            {
                await gate.Task;
            }

            return await EchoMetadata(context, request);
        });
        await using var connection = await OpenAsync(server);
        using var cancel = new CancellationTokenSource();

        var slow = connection.SendAsync<MetadataRequest, MetadataResponse>(
            new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = "slow" }] }, cancel.Token);
        var next = connection.SendAsync<MetadataRequest, MetadataResponse>(
            new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = "next" }] }, CancellationToken.None);
        await cancel.CancelAsync();
        await slow.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        gate.SetResult();

        (await next).ClusterId.Should().Be("next");
        connection.IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task A_broker_that_closes_the_connection_fails_requests_in_flight_as_retriable()
    {
        await using var server = new FakeKafkaServer((context, _) =>
        {
            context.CloseConnection = true;
            return ValueTask.FromResult<IKafkaResponse?>(null);
        });
        await using var connection = await OpenAsync(server);

        var error = await connection.Invoking(c => c.SendAsync<MetadataRequest, MetadataResponse>(new MetadataRequest(), CancellationToken.None))
            .Should().ThrowAsync<KafkaException>();
        error.Which.Error.Should().Be(ErrorCode.NetworkException);
        error.Which.IsRetriable.Should().BeTrue();
        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_is_a_retriable_network_error()
    {
        int port;
        await using (var server = new FakeKafkaServer(EchoMetadata))
        {
            port = server.Port;
        }

        var options = new ClientOptions { BootstrapServers = $"127.0.0.1:{port}" };
        var error = await FluentActions.Invoking(() => KafkaConnection.OpenAsync(new BrokerEndpoint(-1, "127.0.0.1", port), options, NullLogger.Instance, CancellationToken.None))
            .Should().ThrowAsync<KafkaException>();
        error.Which.Error.Should().Be(ErrorCode.NetworkException);
    }

    [Fact]
    public async Task The_address_mapper_decides_where_to_connect()
    {
        await using var server = new FakeKafkaServer(EchoMetadata);
        var options = new ClientOptions { AddressMapper = (host, port) => host == "broker-0.spool.svc" ? ("127.0.0.1", server.Port) : (host, port) };
        await using var connection = await KafkaConnection.OpenAsync(new BrokerEndpoint(0, "broker-0.spool.svc", 9092), options, NullLogger.Instance, CancellationToken.None);

        connection.Endpoint.Host.Should().Be("broker-0.spool.svc");
        server.ConnectionCount.Should().Be(1);
    }

    internal static Task<KafkaConnection> OpenAsync(FakeKafkaServer server, Action<ClientOptions>? configure = null)
    {
        var options = new ClientOptions { BootstrapServers = server.BootstrapServers };
        configure?.Invoke(options);
        return KafkaConnection.OpenAsync(new BrokerEndpoint(server.NodeId, server.Host, server.Port), options, NullLogger.Instance, CancellationToken.None);
    }
}
