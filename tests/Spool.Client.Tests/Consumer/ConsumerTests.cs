using System.Text;
using Spool.Client.Admin;
using Spool.Client.Consumer;
using Spool.Client.Producer;
using Spool.Client.Tests.Fakes;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Protocol.Records;

namespace Spool.Client.Tests.Consumer;

public sealed class ConsumerTests
{
    private static readonly TopicPartition T0 = new("t", 0);

    [Fact]
    public async Task Poll_returns_records_with_everything_the_producer_sent()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        var headers = new[] { new RecordHeader("trace", [7]) };
        Append(cluster, T0, 3, 1_700_000_000_000, headers);
        await using var consumer = TestClients.Consumer(cluster);
        consumer.Assign([T0]);

        var records = await TestClients.PollUntilAsync(consumer, 3);

        records.Select(r => r.Offset).Should().Equal(0, 1, 2);
        records[1].KeyAsString().Should().Be("k1");
        records[1].ValueAsString().Should().Be("v1");
        records[1].Timestamp.Should().Be(1_700_000_000_001);
        records[1].TimestampType.Should().Be(TimestampType.CreateTime);
        records[1].Headers.Should().Equal(headers);
        records[1].TopicPartition.Should().Be(T0);
        (await consumer.PositionAsync(T0)).Should().Be(3);
    }

    [Fact]
    public async Task Records_before_the_position_inside_a_batch_are_skipped()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        Append(cluster, T0, 10);
        await using var consumer = TestClients.Consumer(cluster);
        consumer.Assign([T0]);
        consumer.Seek(T0, 6);

        var records = await TestClients.PollUntilAsync(consumer, 4);

        cluster.Partition("t", 0).Batches.Should().ContainSingle("the fetch returns the batch that holds offset 6, starting at 0");
        records.Select(r => r.Offset).Should().Equal(6, 7, 8, 9);
    }

    [Fact]
    public async Task Offsets_missing_after_compaction_are_skipped()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        using (var builder = new RecordBatchBuilder())
        {
            foreach (var offset in new long[] { 0, 1, 5, 6 })
            {
                builder.AppendWithOffset(offset, 1000 + offset, Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes($"v{offset}"));
            }

            cluster.Partition("t", 0).Append(builder.Build());
        }

        ConsumerTests.Append(cluster, T0, 1, firstOffsetValue: 7);
        await using var consumer = TestClients.Consumer(cluster);
        consumer.Assign([T0]);
        consumer.Seek(T0, 2);

        var records = await TestClients.PollUntilAsync(consumer, 3);

        records.Select(r => r.Offset).Should().Equal(5, 6, 7);
        (await consumer.PositionAsync(T0)).Should().Be(8);
    }

    [Fact]
    public async Task A_truncated_trailing_batch_is_ignored_and_fetched_again_whole()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        for (var i = 0; i < 5; i++)
        {
            Append(cluster, T0, 4, firstOffsetValue: i * 4);
        }

        cluster.TruncatedTailBytes = 40;
        await using var consumer = TestClients.Consumer(cluster, o => o.MaxPartitionFetchBytes = 300);
        consumer.Assign([T0]);

        var records = await TestClients.PollUntilAsync(consumer, 20);

        records.Select(r => r.Offset).Should().Equal(Enumerable.Range(0, 20).Select(i => (long)i));
        records.Select(r => r.ValueAsString()).Should().Equal(Enumerable.Range(0, 20).Select(i => $"v{i}"));
    }

    [Fact]
    public async Task Max_poll_records_limits_each_poll_and_the_rest_follows()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        Append(cluster, T0, 25);
        await using var consumer = TestClients.Consumer(cluster, o => o.MaxPollRecords = 10);
        consumer.Assign([T0]);

        var sizes = new List<int>();
        while (sizes.Sum() < 25)
        {
            var batch = await consumer.PollAsync(TimeSpan.FromSeconds(5));
            batch.Count.Should().BeGreaterThan(0);
            sizes.Add(batch.Count);
        }

        sizes.Should().Equal(10, 10, 5);
    }

    [Theory]
    [InlineData(AutoOffsetReset.Earliest, 0L)]
    [InlineData(AutoOffsetReset.Latest, 10L)]
    public async Task Out_of_range_positions_reset_per_auto_offset_reset(AutoOffsetReset reset, long expected)
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        Append(cluster, T0, 10);
        await using var consumer = TestClients.Consumer(cluster, o => o.AutoOffsetReset = reset);
        consumer.Assign([T0]);
        consumer.Seek(T0, 500);

        var records = await consumer.PollAsync(TimeSpan.FromSeconds(1));
        if (reset == AutoOffsetReset.Earliest && records.Count == 0)
        {
            records = await consumer.PollAsync(TimeSpan.FromSeconds(2));
        }

        (records.Count > 0 ? records[0].Offset : await consumer.PositionAsync(T0)).Should().Be(expected);
    }

    [Fact]
    public async Task Out_of_range_without_reset_policy_fails_the_poll()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        Append(cluster, T0, 10);
        await using var consumer = TestClients.Consumer(cluster, o => o.AutoOffsetReset = AutoOffsetReset.None);
        consumer.Assign([T0]);
        consumer.Seek(T0, 500);

        var error = await consumer.Invoking(c => c.PollAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<KafkaException>();

        error.Which.Error.Should().Be(ErrorCode.OffsetOutOfRange);
    }

    [Fact]
    public async Task A_new_assignment_without_committed_offset_and_reset_none_fails()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var consumer = TestClients.Consumer(cluster, o => o.AutoOffsetReset = AutoOffsetReset.None);
        consumer.Assign([T0]);

        var error = await consumer.Invoking(c => c.PollAsync(TimeSpan.FromSeconds(1))).Should().ThrowAsync<KafkaException>();

        error.Which.Error.Should().Be(ErrorCode.OffsetOutOfRange);
    }

    [Fact]
    public async Task Seeks_to_beginning_end_and_timestamp()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        Append(cluster, T0, 10, baseTimestamp: 1000);
        await using var consumer = TestClients.Consumer(cluster, o => o.AutoOffsetReset = AutoOffsetReset.Latest);
        consumer.Assign([T0]);

        (await consumer.PositionAsync(T0)).Should().Be(10);
        consumer.SeekToBeginning();
        (await consumer.PositionAsync(T0)).Should().Be(0);
        consumer.SeekToEnd([T0]);
        (await consumer.PositionAsync(T0)).Should().Be(10);
        await consumer.SeekToTimestampAsync(new Dictionary<TopicPartition, long> { [T0] = 1004 });
        (await consumer.PositionAsync(T0)).Should().Be(4);
        await consumer.SeekToTimestampAsync(new Dictionary<TopicPartition, long> { [T0] = 99_999 });
        (await consumer.PositionAsync(T0)).Should().Be(10);

        var times = await consumer.OffsetsForTimesAsync(new Dictionary<TopicPartition, long> { [T0] = 1007 });
        times[T0].Should().Be(new OffsetAndTimestamp(7, 1007, 0));
        (await consumer.BeginningOffsetsAsync([T0]))[T0].Should().Be(0);
        (await consumer.EndOffsetsAsync([T0]))[T0].Should().Be(10);
    }

    [Fact]
    public async Task Paused_partitions_are_not_returned_until_resumed()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 2);
        var t1 = new TopicPartition("t", 1);
        Append(cluster, T0, 3);
        Append(cluster, t1, 3);
        await using var consumer = TestClients.Consumer(cluster);
        consumer.Assign([T0, t1]);
        consumer.Pause([t1]);

        var records = await TestClients.PollUntilAsync(consumer, 3);
        records.Should().OnlyContain(r => r.Partition == 0);
        (await consumer.PollAsync(TimeSpan.FromMilliseconds(300))).Should().BeEmpty();
        consumer.Paused.Should().BeEquivalentTo([t1]);

        consumer.Resume([t1]);
        (await TestClients.PollUntilAsync(consumer, 3)).Should().OnlyContain(r => r.Partition == 1);
    }

    [Fact]
    public async Task Fetches_name_topics_by_id_when_the_broker_speaks_fetch_v13()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        Append(cluster, T0, 2);
        await using var consumer = TestClients.Consumer(cluster);
        consumer.Assign([T0]);

        await TestClients.PollUntilAsync(consumer, 2);

        var fetch = cluster.Received.First(r => r.Body is FetchRequest);
        fetch.Header.ApiVersion.Should().BeGreaterThanOrEqualTo(13);
        ((FetchRequest)fetch.Body!).Topics[0].TopicId.Should().Be(cluster.Topics["t"].Id);
    }

    [Fact]
    public async Task Older_brokers_are_fetched_by_topic_name()
    {
        await using var cluster = new FakeCluster();
        cluster.Servers[0].SupportedVersions[ApiKey.Fetch] = (4, 11);
        cluster.CreateTopic("t", 1);
        Append(cluster, T0, 2);
        await using var consumer = TestClients.Consumer(cluster);
        consumer.Assign([T0]);

        (await TestClients.PollUntilAsync(consumer, 2)).Should().HaveCount(2);
        cluster.Received.Where(r => r.Body is FetchRequest).Should().OnlyContain(r => r.Header.ApiVersion == 11);
    }

    [Fact]
    public async Task Consumption_follows_a_leader_that_moved()
    {
        await using var cluster = new FakeCluster(brokers: 2);
        cluster.CreateTopic("t", 1);
        Append(cluster, T0, 2);
        await using var consumer = TestClients.Consumer(cluster);
        consumer.Assign([T0]);
        await TestClients.PollUntilAsync(consumer, 2);

        cluster.MoveLeader("t", 0, 1);
        Append(cluster, T0, 2, firstOffsetValue: 2);
        var records = await TestClients.PollUntilAsync(consumer, 2);

        records.Select(r => r.Offset).Should().Equal(2, 3);
        cluster.Servers[1].ReceivedOf<FetchRequest>().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Lag_comes_from_the_last_fetch()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        Append(cluster, T0, 10);
        await using var consumer = TestClients.Consumer(cluster, o => o.MaxPollRecords = 4);
        consumer.Assign([T0]);

        await TestClients.PollUntilAsync(consumer, 4);

        consumer.Lag(T0).Should().Be(6);
    }

    [Fact]
    public async Task A_group_id_starts_from_committed_offsets_and_commits_positions()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        Append(cluster, T0, 10);
        await using (var admin = TestClients.Admin(cluster))
        {
            await admin.AlterConsumerGroupOffsetsAsync("g", new Dictionary<TopicPartition, OffsetAndMetadata> { [T0] = new(7, "set by admin") }).EnsureSuccessAsync();
        }

        await using var consumer = TestClients.Consumer(cluster, o =>
        {
            o.GroupId = "g";
            o.EnableAutoCommit = false;
        });
        consumer.Assign([T0]);

        var records = await TestClients.PollUntilAsync(consumer, 3);
        records.Select(r => r.Offset).Should().Equal(7, 8, 9);
        (await consumer.CommittedAsync([T0]))[T0]!.Metadata.Should().Be("set by admin");

        await consumer.CommitAsync();
        (await consumer.CommittedAsync([T0]))[T0]!.Offset.Should().Be(10);
        cluster.Groups["g"].Offsets[T0].Offset.Should().Be(10);
    }

    [Fact]
    public async Task Committing_without_a_group_id_is_refused()
    {
        await using var cluster = new FakeCluster();
        await using var consumer = TestClients.Consumer(cluster);

        var error = await consumer.Invoking(c => c.CommitAsync(new Dictionary<TopicPartition, OffsetAndMetadata> { [T0] = new(1) })).Should().ThrowAsync<KafkaException>();

        error.Which.Error.Should().Be(ErrorCode.InvalidGroupId);
    }

    [Theory]
    [InlineData(CompressionType.None)]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public async Task Compressed_records_round_trip_through_produce_and_fetch(CompressionType compression)
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 3);
        var sent = Enumerable.Range(0, 300)
            .Select(i => new ProducerRecord("t", Encoding.UTF8.GetBytes($"key-{i % 17}"), Encoding.UTF8.GetBytes(new string('x', i) + i), [new RecordHeader("i", BitConverter.GetBytes(i))]))
            .ToList();
        await using (var producer = TestClients.Producer(cluster, o =>
        {
            o.CompressionType = compression;
            o.Linger = TimeSpan.FromMilliseconds(20);
        }))
        {
            await Task.WhenAll(sent.Select(r => producer.ProduceAsync(r)));
        }

        var stored = cluster.Topics["t"].Partitions.SelectMany(p => p.Batches).ToList();
        stored.Should().OnlyContain(b => RecordBatchReader.ReadBatches(b).GetEnumerator().MoveNext());
        foreach (var batch in stored)
        {
            RecordBatchHeader.TryRead(batch, out var header);
            header.Compression.Should().Be(compression);
        }

        await using var consumer = TestClients.Consumer(cluster);
        consumer.Assign([.. Enumerable.Range(0, 3).Select(p => new TopicPartition("t", p))]);
        var received = await TestClients.PollUntilAsync(consumer, 300);

        received.Should().HaveCount(300);
        var byHeader = received.ToDictionary(r => BitConverter.ToInt32(r.Headers[0].Value!));
        foreach (var (record, i) in sent.Select((r, i) => (r, i)))
        {
            byHeader[i].Key!.Value.ToArray().Should().Equal(record.Key);
            byHeader[i].Value!.Value.ToArray().Should().Equal(record.Value);
        }
    }

    /// <summary>Appends one batch of <paramref name="count"/> records (keys k{i}, values v{i}) straight into the fake log.</summary>
    internal static void Append(FakeCluster cluster, TopicPartition partition, int count, long baseTimestamp = 1_700_000_000_000, IReadOnlyList<RecordHeader>? headers = null, int firstOffsetValue = 0)
    {
        using var builder = new RecordBatchBuilder();
        for (var i = 0; i < count; i++)
        {
            var n = firstOffsetValue + i;
            builder.Append(baseTimestamp + n, Encoding.UTF8.GetBytes($"k{n}"), Encoding.UTF8.GetBytes($"v{n}"), headers);
        }

        cluster.Partition(partition.Topic, partition.Partition).Append(builder.Build());
    }
}
