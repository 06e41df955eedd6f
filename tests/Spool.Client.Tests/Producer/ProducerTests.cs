using System.Text;
using Spool.Client.Producer;
using Spool.Client.Tests.Fakes;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Protocol.Records;

namespace Spool.Client.Tests.Producer;

public sealed class ProducerTests
{
    [Fact]
    public async Task Records_are_appended_with_their_key_value_headers_and_timestamp()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster);

        var headers = new[] { new RecordHeader("h", [1, 2]), new RecordHeader("null", null) };
        var first = await producer.ProduceAsync("t", Bytes("k"), Bytes("v"), headers, timestamp: 1_700_000_000_000);
        var second = await producer.ProduceAsync(ProducerRecord.Utf8("t", null, "v2"));

        first.Should().Be(new RecordMetadata("t", 0, 0, 1_700_000_000_000));
        second.Offset.Should().Be(1);
        var stored = cluster.Partition("t", 0).AllRecords();
        stored.Select(r => r.Offset).Should().Equal(0, 1);
        stored[0].Key!.Value.ToArray().Should().Equal(Bytes("k"));
        stored[0].Value!.Value.ToArray().Should().Equal(Bytes("v"));
        stored[0].Timestamp.Should().Be(1_700_000_000_000);
        stored[0].Headers.Should().Equal(headers);
        stored[1].Key.Should().BeNull();
    }

    [Fact]
    public async Task Records_produced_within_linger_travel_in_one_batch()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster, o => o.Linger = TimeSpan.FromMilliseconds(300));
        await producer.ProduceAsync(ProducerRecord.Utf8("t", "warm", "up"));
        var producesBefore = cluster.ReceivedOf<ProduceRequest>().Count();

        var sends = Enumerable.Range(0, 20).Select(i => producer.ProduceAsync(ProducerRecord.Utf8("t", null, $"v{i}"))).ToList();
        var results = await Task.WhenAll(sends);

        results.Select(r => r.Offset).Should().Equal(Enumerable.Range(1, 20).Select(i => (long)i));
        cluster.ReceivedOf<ProduceRequest>().Count().Should().Be(producesBefore + 1);
        cluster.Partition("t", 0).Batches.Should().HaveCount(2);
    }

    [Fact]
    public async Task Batch_size_splits_records_into_several_batches()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster, o =>
        {
            o.BatchSize = 1024;
            o.Linger = TimeSpan.FromMilliseconds(200);
        });

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => producer.ProduceAsync("t", null, new byte[200])));

        var batches = cluster.Partition("t", 0).Batches;
        batches.Count.Should().BeGreaterThan(3);
        batches.Should().OnlyContain(b => b.Length <= 1024 + 300);
    }

    [Fact]
    public async Task Flush_sends_without_waiting_for_linger()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster, o =>
        {
            o.Linger = TimeSpan.FromMinutes(5);
            o.DeliveryTimeout = TimeSpan.FromMinutes(10);
        });

        var sent = producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "v"));
        await producer.FlushAsync();

        sent.IsCompletedSuccessfully.Should().BeTrue();
        cluster.Partition("t", 0).NextOffset.Should().Be(1);
    }

    [Fact]
    public async Task Keyed_records_land_on_the_murmur2_partition()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 7);
        await using var producer = TestClients.Producer(cluster);

        var result = await producer.ProduceAsync(ProducerRecord.Utf8("t", "kafka", "v"));

        result.Partition.Should().Be(3);
    }

    [Fact]
    public async Task Records_from_one_caller_keep_their_order_per_partition()
    {
        await using var cluster = new FakeCluster(brokers: 2);
        cluster.CreateTopic("t", 4);
        await using var producer = TestClients.Producer(cluster, o => o.BatchSize = 512);

        var sends = Enumerable.Range(0, 1000).Select(i => producer.ProduceAsync(ProducerRecord.Utf8("t", $"key{i % 10}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        await Task.WhenAll(sends);

        for (var p = 0; p < 4; p++)
        {
            var values = cluster.Partition("t", p).AllRecords().GroupBy(r => Encoding.UTF8.GetString(r.Key!.Value.Span));
            foreach (var perKey in values)
            {
                var sequence = perKey.Select(r => int.Parse(Encoding.UTF8.GetString(r.Value!.Value.Span), System.Globalization.CultureInfo.InvariantCulture)).ToList();
                sequence.Should().BeInAscendingOrder();
            }
        }

        cluster.Topics["t"].Partitions.Sum(p => p.NextOffset).Should().Be(1000);
    }

    [Fact]
    public async Task Not_leader_refreshes_metadata_and_retries_at_the_new_leader()
    {
        await using var cluster = new FakeCluster(brokers: 2);
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster);
        await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "before"));
        var metadataBefore = cluster.ReceivedOf<MetadataRequest>().Count();

        cluster.MoveLeader("t", 0, 1);
        var moved = await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "after"));

        moved.Offset.Should().Be(1);
        cluster.ReceivedOf<MetadataRequest>().Count().Should().BeGreaterThan(metadataBefore);
        cluster.Servers[1].ReceivedOf<ProduceRequest>().Should().NotBeEmpty();
        cluster.Partition("t", 0).AllRecords().Should().HaveCount(2);
    }

    [Fact]
    public async Task Retriable_errors_are_retried()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        var failures = 3;
        cluster.Interceptor = (_, request) => request is ProduceRequest produce && Interlocked.Decrement(ref failures) >= 0
            ? Answer(produce, ErrorCode.NotEnoughReplicas)
            : null;
        await using var producer = TestClients.Producer(cluster);

        var result = await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "v"));

        result.Offset.Should().Be(0);
        cluster.ReceivedOf<ProduceRequest>().Should().HaveCount(4);
    }

    [Fact]
    public async Task Non_retriable_errors_fail_the_record_with_the_broker_message()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        cluster.Interceptor = (_, request) => request is ProduceRequest produce ? Answer(produce, ErrorCode.InvalidRecord, "bad record") : null;
        await using var producer = TestClients.Producer(cluster);

        var error = await producer.Invoking(p => p.ProduceAsync(ProducerRecord.Utf8("t", "k", "v"))).Should().ThrowAsync<KafkaException>();

        error.Which.Error.Should().Be(ErrorCode.InvalidRecord);
        error.Which.Message.Should().Contain("INVALID_RECORD").And.Contain("bad record");
        cluster.ReceivedOf<ProduceRequest>().Should().ContainSingle();
    }

    [Fact]
    public async Task Records_expire_after_the_delivery_timeout()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        cluster.Interceptor = (_, request) => request is ProduceRequest produce ? Answer(produce, ErrorCode.NotEnoughReplicas) : null;
        await using var producer = TestClients.Producer(cluster, o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(500);
            o.DeliveryTimeout = TimeSpan.FromMilliseconds(800);
        });

        var error = await producer.Invoking(p => p.ProduceAsync(ProducerRecord.Utf8("t", "k", "v"))).Should().ThrowAsync<KafkaException>();

        error.Which.Error.Should().BeOneOf(ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);
        cluster.ReceivedOf<ProduceRequest>().Count().Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task Acks_zero_sends_without_waiting_for_a_response()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster, o => o.Acks = Acks.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => producer.ProduceAsync(ProducerRecord.Utf8("t", null, $"v{i}"))));
        await producer.FlushAsync();

        results.Should().OnlyContain(r => r.Offset == -1);
        await WaitUntilAsync(() => cluster.Partition("t", 0).NextOffset == 5);
        cluster.ReceivedOf<ProduceRequest>().Should().OnlyContain(r => r.Acks == 0);
    }

    [Fact]
    public async Task A_record_larger_than_max_request_size_fails_at_once()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster, o => o.MaxRequestSize = 1000);

        var error = await producer.Invoking(p => p.ProduceAsync("t", null, new byte[2000])).Should().ThrowAsync<KafkaException>();

        error.Which.Error.Should().Be(ErrorCode.MessageTooLarge);
        cluster.ReceivedOf<ProduceRequest>().Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_topics_fail_after_max_block()
    {
        await using var cluster = new FakeCluster();
        await using var producer = TestClients.Producer(cluster, o => o.MaxBlock = TimeSpan.FromMilliseconds(300));

        var error = await producer.Invoking(p => p.ProduceAsync(ProducerRecord.Utf8("missing", "k", "v"))).Should().ThrowAsync<KafkaException>();

        error.Which.Error.Should().Be(ErrorCode.UnknownTopicOrPartition);
    }

    [Fact]
    public async Task An_explicit_partition_out_of_range_fails()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 2);
        await using var producer = TestClients.Producer(cluster);
        await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "v", partition: 1));

        var error = await producer.Invoking(p => p.ProduceAsync(ProducerRecord.Utf8("t", "k", "v", partition: 2))).Should().ThrowAsync<KafkaException>();

        error.Which.Error.Should().Be(ErrorCode.UnknownTopicOrPartition);
    }

    [Fact]
    public async Task A_lost_connection_is_retried_on_a_new_one()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var producer = TestClients.Producer(cluster);
        await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "first"));
        cluster.Servers[0].DropConnections();

        var result = await producer.ProduceAsync(ProducerRecord.Utf8("t", "k", "second"));

        result.Offset.Should().Be(1);
    }

    internal static ProduceResponse Answer(ProduceRequest request, ErrorCode error, string? message = null) => new()
    {
        Responses = [.. request.TopicData.Select(t => new ProduceResponse.TopicProduceResponse
        {
            Name = t.Name,
            PartitionResponses = [.. t.PartitionData.Select(p => new ProduceResponse.PartitionProduceResponse
            {
                Index = p.Index,
                ErrorCode = (short)error,
                BaseOffset = -1,
                ErrorMessage = message,
            })],
        })],
    };

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        condition().Should().BeTrue();
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
