using Spool.Client.Producer;
using Spool.Client.Tests.Fakes;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Protocol.Records;

namespace Spool.Client.Tests.Producer;

public sealed class IdempotentProducerTests
{
    [Fact]
    public async Task Batches_carry_the_producer_id_and_consecutive_sequences()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster, o => o.EnableIdempotence = true);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => producer.ProduceAsync(ProducerRecord.Utf8("t", null, $"a{i}"))));
        await Task.WhenAll(Enumerable.Range(0, 2).Select(i => producer.ProduceAsync(ProducerRecord.Utf8("t", null, $"b{i}"))));

        cluster.ReceivedOf<InitProducerIdRequest>().Should().ContainSingle().Which.TransactionalId.Should().BeNull();
        var headers = cluster.Partition("t", 0).Batches.Select(Header).ToList();
        headers.Should().OnlyContain(h => h.ProducerId == 1000 && h.ProducerEpoch == 0);
        headers.Select(h => h.BaseSequence).Should().Equal(SequencesOf(headers));
    }

    [Fact]
    public async Task A_retry_after_a_lost_response_does_not_duplicate_the_record()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster, o => o.EnableIdempotence = true);
        await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "first"));

        cluster.DropConnectionAfterProduces = 1;
        await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "second"));

        cluster.ReceivedOf<ProduceRequest>().Should().HaveCount(3, "the second record was sent twice");
        cluster.Partition("t", 0).AllRecords().Should().HaveCount(2);
    }

    [Fact]
    public async Task Without_idempotence_the_same_retry_duplicates()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster);
        await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "first"));

        cluster.DropConnectionAfterProduces = 1;
        await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "second"));

        cluster.Partition("t", 0).AllRecords().Should().HaveCount(3);
    }

    [Fact]
    public async Task Unknown_producer_id_bumps_the_epoch_and_restarts_sequences()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster, o => o.EnableIdempotence = true);
        await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "first"));
        var answered = 0;
        cluster.Interceptor = (_, request) => request is ProduceRequest produce && Interlocked.Increment(ref answered) == 1
            ? ProducerTests.Answer(produce, ErrorCode.UnknownProducerId)
            : null;

        var result = await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "second"));

        result.Offset.Should().Be(1);
        var inits = cluster.ReceivedOf<InitProducerIdRequest>().ToList();
        inits.Should().HaveCount(2);
        inits[1].ProducerId.Should().Be(1000);
        inits[1].ProducerEpoch.Should().Be(0);
        var last = Header(cluster.Partition("t", 0).Batches[^1]);
        (last.ProducerEpoch, last.BaseSequence).Should().Be(((short)1, 0));
    }

    [Fact]
    public async Task A_broker_without_init_producer_id_fails_records_with_unsupported_version()
    {
        await using var cluster = new FakeCluster();
        cluster.Servers[0].SupportedVersions.Remove(ApiKey.InitProducerId);
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster, o => o.EnableIdempotence = true);

        var error = await producer.Invoking(p => p.ProduceAsync(ProducerRecord.Utf8("t", "k", "v"))).Should().ThrowAsync<KafkaException>();

        error.Which.Error.Should().Be(ErrorCode.UnsupportedVersion);
    }

    [Fact]
    public void Idempotence_requires_acks_all() =>
        FluentActions.Invoking(() => new KafkaProducer(new ProducerOptions { EnableIdempotence = true, Acks = Acks.Leader }))
            .Should().Throw<ArgumentException>().WithMessage("*acks=all*");

    private static RecordBatchHeader Header(byte[] batch)
    {
        RecordBatchHeader.TryRead(batch, out var header);
        return header;
    }

    private static IEnumerable<int> SequencesOf(List<RecordBatchHeader> headers)
    {
        var next = 0;
        foreach (var header in headers)
        {
            yield return next;
            next += header.RecordCount;
        }
    }
}
