using Spool.Protocol.Messages;

namespace Spool.Protocol.Tests;

/// <summary>
/// Messages whose bytes are worked out by hand from the protocol's rules: classic and compact forms, nullable
/// arrays, tagged fields and tagged structs. Round trips alone would not catch a consistently wrong layout.
/// </summary>
public sealed class KnownLayoutTests
{
    [Fact]
    public void MetadataV0RequestIsAClassicArrayOfStrings()
    {
        var request = new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = "a" }] };
        Encode(request, 0).Should().Equal(0, 0, 0, 1, 0, 1, (byte)'a');
    }

    [Fact]
    public void MetadataV9RequestForAllTopicsIsACompactNull()
    {
        var request = new MetadataRequest { Topics = null };
        Encode(request, 9).Should().Equal(0x00, 0x01, 0x00, 0x00, 0x00);
        var reader = new KafkaReader(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00 });
        var back = MetadataRequest.Read(ref reader, 9);
        back.Topics.Should().BeNull();
        back.AllowAutoTopicCreation.Should().BeTrue();
    }

    [Fact]
    public void MetadataV12RequestByTopicIdHasANullName()
    {
        var id = new Uuid(1, 2);
        var request = new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { TopicId = id, Name = null }], AllowAutoTopicCreation = false };
        Encode(request, 12).Should().Equal(
            0x02,
            0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2,
            0x00, // null compact string
            0x00, // topic tags
            0x00, // AllowAutoTopicCreation
            0x00, // IncludeTopicAuthorizedOperations (v11+ has no cluster flag)
            0x00);
    }

    [Fact]
    public void ProduceV10ResponseCarriesTheCurrentLeaderAsATaggedStruct()
    {
        var response = new ProduceResponse
        {
            Responses =
            [
                new ProduceResponse.TopicProduceResponse
                {
                    Name = "t",
                    PartitionResponses =
                    [
                        new ProduceResponse.PartitionProduceResponse
                        {
                            ErrorCode = 6,
                            BaseOffset = -1,
                            CurrentLeader = new ProduceResponse.LeaderIdAndEpoch { LeaderId = 2, LeaderEpoch = 3 },
                        },
                    ],
                },
            ],
        };
        byte[] m1 = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        byte[] expected =
        [
            0x02, 0x02, (byte)'t', 0x02,
            0, 0, 0, 0, 0, 6,
            .. m1, .. m1, .. m1,
            0x01, // RecordErrors: empty
            0x00, // ErrorMessage: null
            0x01, 0x00, 0x09, 0, 0, 0, 2, 0, 0, 0, 3, 0x00, // one tagged field: tag 0, 9 bytes
            0x00, // topic tags
            0, 0, 0, 0, // ThrottleTimeMs
            0x00,
        ];
        Encode(response, 10).Should().Equal(expected);

        // v9 has no CurrentLeader: the tag is neither written nor read.
        var v9 = Encode(response, 9);
        v9.Length.Should().Be(expected.Length - 11, "the tag count stays, the 11 bytes of the tagged field go");
        var reader = new KafkaReader(v9);
        ProduceResponse.Read(ref reader, 9).Responses[0].PartitionResponses[0].CurrentLeader.Should().BeNull();
    }

    [Fact]
    public void FetchV15RequestReadsTheTaggedReplicaState()
    {
        byte[] frame =
        [
            0, 0, 0x01, 0xf4, // MaxWaitMs 500
            0, 0, 0, 1, // MinBytes
            0x7f, 0xff, 0xff, 0xff, // MaxBytes
            0, // IsolationLevel
            0, 0, 0, 0, // SessionId
            0xff, 0xff, 0xff, 0xff, // SessionEpoch
            0x01, 0x01, 0x01, // no topics, no forgotten topics, empty rack
            0x01, 0x01, 0x0d, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 7, 0x00, // tag 1: ReplicaState
        ];
        var reader = new KafkaReader(frame);
        var request = FetchRequest.Read(ref reader, 15);
        reader.End.Should().BeTrue();
        request.MaxWaitMs.Should().Be(500);
        request.ReplicaState.Should().NotBeNull();
        request.ReplicaState!.ReplicaId.Should().Be(5);
        request.ReplicaState.ReplicaEpoch.Should().Be(7);
        request.ReplicaId.Should().Be(-1, "v15 moved the replica id into ReplicaState");
        Encode(request, 15).Should().Equal(frame);
    }

    [Fact]
    public void UnknownTaggedFieldsAreSkipped()
    {
        // ApiVersions v3 request with client software name/version and an unknown tag 9 of 2 bytes.
        byte[] frame = [0x02, (byte)'x', 0x02, (byte)'1', 0x01, 0x09, 0x02, 0xaa, 0xbb];
        var reader = new KafkaReader(frame);
        var request = ApiVersionsRequest.Read(ref reader, 3);
        reader.End.Should().BeTrue();
        request.ClientSoftwareName.Should().Be("x");
        request.ClientSoftwareVersion.Should().Be("1");
    }

    [Fact]
    public void ConsumerSubscriptionV0Layout()
    {
        var subscription = new ConsumerProtocolSubscription { Topics = ["t"] };
        Encode(subscription, 0).Should().Equal(0, 0, 0, 1, 0, 1, (byte)'t', 0xff, 0xff, 0xff, 0xff);
        Encode(subscription, 3).Should().Equal(
            0, 0, 0, 1, 0, 1, (byte)'t',
            0xff, 0xff, 0xff, 0xff, // UserData null
            0, 0, 0, 0, // OwnedPartitions empty
            0xff, 0xff, 0xff, 0xff, // GenerationId -1
            0xff, 0xff); // RackId null
    }

    [Fact]
    public void OffsetCommitValueV3MatchesTheCoordinatorFormat()
    {
        var value = new OffsetCommitValue { Offset = 42, LeaderEpoch = 1, Metadata = "m", CommitTimestamp = 1000 };
        Encode(value, 3).Should().Equal(
            0, 0, 0, 0, 0, 0, 0, 42,
            0, 0, 0, 1,
            0, 1, (byte)'m',
            0, 0, 0, 0, 0, 0, 0x03, 0xe8);
        Encode(value, 1).Length.Should().Be(8 + 3 + 8 + 8, "v1 has an expire timestamp and no leader epoch");
    }

    private static byte[] Encode(IKafkaMessage message, short version)
    {
        using var writer = new KafkaWriter();
        message.Write(writer, version);
        return writer.ToArray();
    }
}
