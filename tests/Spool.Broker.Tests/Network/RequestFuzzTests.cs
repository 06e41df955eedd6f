using System.Buffers.Binary;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Protocol.Records;

namespace Spool.Broker.Tests.Network;

/// <summary>
/// Random and mutated real frames against a live broker: every connection either gets answers or is
/// closed, the broker keeps serving, and the log never holds a batch that fails its CRC.
/// </summary>
public sealed class RequestFuzzTests : IAsyncLifetime
{
    private const string Topic = "fuzz";
    private InProcessBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await InProcessBroker.StartAsync(("auto.create.topics.enable", "false"));

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public void Mutated_frames_never_crash_the_broker_or_corrupt_the_log()
    {
        using (var setup = new RawConnection(_broker.Port))
        {
            setup.Roundtrip<CreateTopicsRequest, CreateTopicsResponse>(
                new CreateTopicsRequest { Topics = [new CreateTopicsRequest.CreatableTopic { Name = Topic, NumPartitions = 2, ReplicationFactor = 1 }] }, 7)
                .Topics[0].ErrorCode.Should().Be(0);
        }

        var seeds = Seeds();
        var random = new Random(20261122);
        var closed = 0;
        var answered = 0;
        for (var round = 0; round < 300; round++)
        {
            using var c = new RawConnection(_broker.Port);
            for (var i = 0; i < 25; i++)
            {
                var frame = Mutate(seeds[random.Next(seeds.Count)], random);
                c.Send(frame);
                var reply = ReceiveOrClosed(c);
                if (reply is null)
                {
                    closed++;
                    break;
                }

                answered++;
            }
        }

        // Both outcomes must occur for the run to have exercised anything.
        closed.Should().BeGreaterThan(50);
        answered.Should().BeGreaterThan(50);
        using var check = new RawConnection(_broker.Port);
        check.Roundtrip<ApiVersionsRequest, ApiVersionsResponse>(new ApiVersionsRequest { ClientSoftwareName = "check", ClientSoftwareVersion = "1" }, 3).ErrorCode.Should().Be(0);
        for (var p = 0; p < 2; p++)
        {
            // The fuzz may have deleted records: read from the log start offset.
            var data = Fetch(check, p, 0);
            if (data.ErrorCode == (short)ErrorCode.OffsetOutOfRange)
            {
                data = Fetch(check, p, data.LogStartOffset);
            }

            data.ErrorCode.Should().Be(0);
            var batches = 0;
            var enumerator = RecordBatchReader.ReadBatches(data.Records);
            while (enumerator.MoveNext())
            {
                enumerator.Current.IsCrcValid.Should().BeTrue();
                batches++;
            }

            enumerator.Position.Should().Be(data.Records.Length, "the log holds whole, valid batches only");
            data.HighWatermark.Should().BeGreaterThanOrEqualTo(batches);
        }
    }

    private static FetchResponse.PartitionData Fetch(RawConnection c, int partition, long offset) =>
        c.Roundtrip<FetchRequest, FetchResponse>(new FetchRequest
        {
            MaxWaitMs = 0,
            MaxBytes = 64 << 20,
            Topics = [new FetchRequest.FetchTopic { Topic = Topic, Partitions = [new FetchRequest.FetchPartition { Partition = partition, FetchOffset = offset, PartitionMaxBytes = 64 << 20 }] }],
        }, 11).Responses[0].Partitions[0];

    private static byte[]? ReceiveOrClosed(RawConnection c)
    {
        try
        {
            return c.Receive();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static List<byte[]> Seeds()
    {
        var batch = new RecordBatchBuilder(CompressionType.None, TimestampType.CreateTime);
        for (var i = 0; i < 5; i++)
        {
            batch.Append(1_700_000_000_000 + i, "k"u8.ToArray(), "value"u8.ToArray(), [new RecordHeader("h", "v"u8.ToArray())]);
        }

        var gzip = new RecordBatchBuilder(CompressionType.Gzip, TimestampType.CreateTime);
        gzip.Append(1_700_000_000_000, null, "compressed"u8.ToArray(), []);
        ProduceRequest Produce(byte[] records) => new()
        {
            Acks = 1,
            TimeoutMs = 1000,
            TopicData = [new ProduceRequest.TopicProduceData { Name = Topic, PartitionData = [new ProduceRequest.PartitionProduceData { Index = 0, Records = records }] }],
        };

        return
        [
            RawConnection.Frame(new ApiVersionsRequest { ClientSoftwareName = "fuzz", ClientSoftwareVersion = "1" }, 3, 1),
            RawConnection.Frame(new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = Topic }] }, 12, 2),
            RawConnection.Frame(Produce(batch.Build()), 9, 3),
            RawConnection.Frame(Produce(gzip.Build()), 11, 4),
            RawConnection.Frame(Produce(batch.Build()), 3, 5),
            RawConnection.Frame(new FetchRequest { MaxWaitMs = 0, Topics = [new FetchRequest.FetchTopic { Topic = Topic, Partitions = [new FetchRequest.FetchPartition { FetchOffset = 0, PartitionMaxBytes = 1 << 20 }] }] }, 11, 6),
            RawConnection.Frame(new ListOffsetsRequest { ReplicaId = -1, Topics = [new ListOffsetsRequest.ListOffsetsTopic { Name = Topic, Partitions = [new ListOffsetsRequest.ListOffsetsPartition { Timestamp = -1 }] }] }, 7, 7),
            RawConnection.Frame(new CreateTopicsRequest { Topics = [new CreateTopicsRequest.CreatableTopic { Name = "other", NumPartitions = 1, ReplicationFactor = 1, Configs = [new CreateTopicsRequest.CreatableTopicConfig { Name = "retention.ms", Value = "1000" }] }] }, 5, 8),
            RawConnection.Frame(new DescribeConfigsRequest { Resources = [new DescribeConfigsRequest.DescribeConfigsResource { ResourceType = 2, ResourceName = Topic }] }, 4, 9),
            RawConnection.Frame(new DeleteRecordsRequest { Topics = [new DeleteRecordsRequest.DeleteRecordsTopic { Name = Topic, Partitions = [new DeleteRecordsRequest.DeleteRecordsPartition { Offset = 1 }] }] }, 2, 10),
        ];
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var frame = (byte[])seed.Clone();
        switch (random.Next(6))
        {
            case 0:
                // Flip a few bits anywhere after the size prefix.
                for (var i = 0; i < 1 + random.Next(4); i++)
                {
                    var at = 4 + random.Next(frame.Length - 4);
                    frame[at] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1:
                // Truncate the body but keep the size prefix honest.
                frame = frame[..(4 + random.Next(10, frame.Length - 4))];
                BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
                break;
            case 2:
                // Corrupt a length field somewhere in the body with a huge or negative value.
                var pos = 8 + random.Next(Math.Max(1, frame.Length - 12));
                BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(pos), random.Next(2) == 0 ? int.MaxValue : -random.Next(2, 1000));
                break;
            case 3:
                // Random body behind a valid header prefix.
                var tail = new byte[random.Next(1, 200)];
                random.NextBytes(tail);
                frame = [.. frame[..12], .. tail];
                BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
                break;
            case 4:
                // Overwrite a random byte range with random bytes.
                var start = 4 + random.Next(frame.Length - 4);
                random.NextBytes(frame.AsSpan(start, Math.Min(8, frame.Length - start)));
                break;
            default:
                // Left intact: real traffic in between.
                break;
        }

        return frame;
    }
}
