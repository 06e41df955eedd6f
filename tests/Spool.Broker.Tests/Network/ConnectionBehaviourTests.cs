using System.Buffers.Binary;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Tests.Network;

public sealed class ConnectionBehaviourTests : IAsyncLifetime
{
    private InProcessBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await InProcessBroker.StartAsync(("socket.request.max.bytes", "65536"));

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ApiVersions_is_served_at_every_version(short version)
    {
        using var c = new RawConnection(_broker.Port);
        var response = c.Roundtrip<ApiVersionsRequest, ApiVersionsResponse>(
            new ApiVersionsRequest { ClientSoftwareName = "raw-test", ClientSoftwareVersion = "1.0" }, version);
        response.ErrorCode.Should().Be(0);
        response.ApiKeys.Should().Contain(k => k.ApiKey == (short)ApiKey.Produce && k.MinVersion == 3 && k.MaxVersion >= 11);
        response.ApiKeys.Should().Contain(k => k.ApiKey == (short)ApiKey.Fetch && k.MinVersion == 4 && k.MaxVersion >= 17);
    }

    [Fact]
    public void An_unknown_ApiVersions_version_is_answered_at_v0_with_the_supported_range()
    {
        using var c = new RawConnection(_broker.Port);
        c.Send(RawConnection.Frame(new ApiVersionsRequest(), 99, 7));
        var frame = c.Receive()!;
        var reader = new KafkaReader(frame);
        ResponseHeader.Read(ref reader, 0).Should().Be(7);
        var response = ApiVersionsResponse.Read(ref reader, 0);
        response.ErrorCode.Should().Be((short)ErrorCode.UnsupportedVersion);
        response.ApiKeys.Should().ContainSingle().Which.Should().BeEquivalentTo(new { ApiKey = (short)ApiKey.ApiVersions, MinVersion = (short)0, MaxVersion = (short)4 });
    }

    [Fact]
    public void An_invalid_client_software_name_is_INVALID_REQUEST()
    {
        using var c = new RawConnection(_broker.Port);
        var response = c.Roundtrip<ApiVersionsRequest, ApiVersionsResponse>(new ApiVersionsRequest { ClientSoftwareName = "bad name!", ClientSoftwareVersion = "1" }, 3);
        response.ErrorCode.Should().Be((short)ErrorCode.InvalidRequest);
    }

    [Fact]
    public void An_unknown_api_key_closes_the_connection()
    {
        using var c = new RawConnection(_broker.Port);
        var frame = RawConnection.Frame(new ApiVersionsRequest(), 0, 1);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(4), 9999);
        c.Send(frame);
        c.IsClosedByPeer().Should().BeTrue();
    }

    [Fact]
    public void An_unsupported_version_of_another_api_closes_the_connection()
    {
        using var c = new RawConnection(_broker.Port);
        c.Send(RawConnection.Frame(new MetadataRequest(), 0, 1).ToArray());
        c.Receive().Should().NotBeNull("Metadata v0 is served");
        var frame = RawConnection.Frame(new MetadataRequest(), 0, 2);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(6), 99);
        c.Send(frame);
        c.IsClosedByPeer().Should().BeTrue();
    }

    [Fact]
    public void A_frame_above_socket_request_max_bytes_closes_the_connection()
    {
        using var c = new RawConnection(_broker.Port);
        var prefix = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, 65537);
        c.Send(prefix);
        c.IsClosedByPeer().Should().BeTrue();
    }

    [Fact]
    public void A_truncated_body_closes_only_that_connection()
    {
        using (var c = new RawConnection(_broker.Port))
        {
            var frame = RawConnection.Frame(new CreateTopicsRequest { Topics = [new CreateTopicsRequest.CreatableTopic { Name = "t", NumPartitions = 1, ReplicationFactor = 1 }] }, 7, 1);
            var cut = frame[..^6];
            BinaryPrimitives.WriteInt32BigEndian(cut, cut.Length - 4);
            c.Send(cut);
            c.IsClosedByPeer().Should().BeTrue();
        }

        using var next = new RawConnection(_broker.Port);
        next.Roundtrip<ApiVersionsRequest, ApiVersionsResponse>(new ApiVersionsRequest(), 0).ErrorCode.Should().Be(0);
    }

    [Fact]
    public void Pipelined_requests_are_answered_in_order()
    {
        using var c = new RawConnection(_broker.Port);
        var burst = Enumerable.Range(1, 50).SelectMany(i => i % 2 == 0
            ? RawConnection.Frame(new ApiVersionsRequest(), 2, i)
            : RawConnection.Frame(new MetadataRequest { Topics = null }, 12, i)).ToArray();
        c.Send(burst);
        for (var i = 1; i <= 50; i++)
        {
            var frame = c.Receive()!;
            BinaryPrimitives.ReadInt32BigEndian(frame).Should().Be(i);
        }
    }
}
