using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Protocol.Records;

namespace Spool.Broker.Tests.Network;

/// <summary>InitProducerId, sequenced produce (with a retried duplicate) and DescribeProducers, over the raw protocol.</summary>
public sealed class IdempotentProduceProtocolTests : IAsyncLifetime
{
    private InProcessBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await InProcessBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public void A_retried_batch_gets_the_original_offset_and_the_producer_is_described()
    {
        using var c = new RawConnection(_broker.Port);
        c.Roundtrip<CreateTopicsRequest, CreateTopicsResponse>(
            new CreateTopicsRequest { Topics = [new CreateTopicsRequest.CreatableTopic { Name = "idem", NumPartitions = 1, ReplicationFactor = 1 }] }, 7);
        var init = c.Roundtrip<InitProducerIdRequest, InitProducerIdResponse>(new InitProducerIdRequest { TransactionalId = null, TransactionTimeoutMs = -1 }, 4);
        init.ErrorCode.Should().Be(0);
        init.ProducerId.Should().BeGreaterThanOrEqualTo(0);

        var first = Produce(c, init.ProducerId, init.ProducerEpoch, baseSequence: 0, records: 3);
        var second = Produce(c, init.ProducerId, init.ProducerEpoch, baseSequence: 3, records: 2);
        var retry = Produce(c, init.ProducerId, init.ProducerEpoch, baseSequence: 0, records: 3);
        var gap = Produce(c, init.ProducerId, init.ProducerEpoch, baseSequence: 9, records: 1);

        first.ErrorCode.Should().Be(0);
        first.BaseOffset.Should().Be(0);
        second.BaseOffset.Should().Be(3);
        retry.ErrorCode.Should().Be(0);
        retry.BaseOffset.Should().Be(0, "a duplicate is answered with the original offset");
        gap.ErrorCode.Should().Be((short)ErrorCode.OutOfOrderSequenceNumber);

        var described = c.Roundtrip<DescribeProducersRequest, DescribeProducersResponse>(
            new DescribeProducersRequest { Topics = [new DescribeProducersRequest.TopicRequest { Name = "idem", PartitionIndexes = [0, 7] }] }, 0);
        var partitions = described.Topics.Single().Partitions;
        partitions[0].ActiveProducers.Should().ContainSingle().Which.Should().BeEquivalentTo(new { init.ProducerId, ProducerEpoch = 0, LastSequence = 4 });
        partitions[1].ErrorCode.Should().Be((short)ErrorCode.UnknownTopicOrPartition);

        var transactional = c.Roundtrip<InitProducerIdRequest, InitProducerIdResponse>(new InitProducerIdRequest { TransactionalId = "tx", TransactionTimeoutMs = 60000 }, 4);
        transactional.ErrorCode.Should().Be((short)ErrorCode.TransactionalIdAuthorizationFailed);
    }

    private static ProduceResponse.PartitionProduceResponse Produce(RawConnection c, long producerId, short epoch, int baseSequence, int records)
    {
        var batch = new RecordBatchBuilder(CompressionType.None, TimestampType.CreateTime)
        {
            ProducerId = producerId,
            ProducerEpoch = epoch,
            BaseSequence = baseSequence,
        };
        for (var i = 0; i < records; i++)
        {
            batch.Append(1_700_000_000_000 + i, null, "v"u8.ToArray(), []);
        }

        return c.Roundtrip<ProduceRequest, ProduceResponse>(new ProduceRequest
        {
            Acks = -1,
            TimeoutMs = 5000,
            TopicData = [new ProduceRequest.TopicProduceData { Name = "idem", PartitionData = [new ProduceRequest.PartitionProduceData { Index = 0, Records = batch.Build() }] }],
        }, 11).Responses[0].PartitionResponses[0];
    }
}
