using Spool.Protocol.Records;
using Spool.Protocol.Records.Compression;

namespace Spool.Storage.Tests;

/// <summary>What compaction keeps and how it rewrites batches.</summary>
public sealed class CompactionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_latest_record_of_each_key_is_kept_in_order_with_its_original_offset()
    {
        using var log = LogFixture.Open(_dir, Compaction.Config(("segment.bytes", "600")));
        Compaction.Put(log, Enumerable.Range(0, 30).Select(i => ($"k{i % 5}", (string?)$"v{i}")));
        log.Roll();

        var stats = Compaction.Clean(log);
        stats.Should().NotBeNull();
        stats!.RecordsRemoved.Should().Be(25);
        stats.EndOffset.Should().Be(30);
        log.CleanerCheckpoint.Should().Be(30);

        var records = LogRecords.ReadAll(log);
        records.Select(r => (r.Offset, r.Key, r.Value)).Should().Equal(
            Enumerable.Range(25, 5).Select(i => ((long)i, (string?)$"k{i % 5}", (string?)$"v{i}")));
        log.LogEndOffset.Should().Be(30);
        log.LogStartOffset.Should().Be(0);

        // A fetch from inside a removed range gets the next retained batch, as consumers of compacted topics expect.
        using var read = log.Read(3, 1 << 20);
        read.FirstOffset.Should().Be(25);
        log.FetchOffsetByTimestamp(1_000)!.Value.Offset.Should().Be(25);
    }

    [Fact]
    public void The_active_segment_is_never_cleaned()
    {
        using var log = LogFixture.Open(_dir, Compaction.Config());
        Compaction.Put(log, [("a", "1"), ("a", "2"), ("a", "3")]);
        Compaction.Clean(log).Should().BeNull("everything is in the active segment");
        LogRecords.ReadAll(log).Should().HaveCount(3);

        log.Roll();
        Compaction.Put(log, [("a", "4")]);
        Compaction.Clean(log).Should().NotBeNull();
        // The key map covers the dirty section only: the newest inactive "a" stays next to the active one, as in Kafka.
        LogRecords.ReadAll(log).Select(r => r.Value).Should().Equal("3", "4");
    }

    [Fact]
    public void Tombstones_survive_delete_retention_ms_after_the_cleaning_that_first_saw_them()
    {
        var time = new FakeTimeProvider();
        using var log = LogFixture.Open(_dir, Compaction.Config(("delete.retention.ms", "10000")), time);
        var t0 = time.NowMs;
        Compaction.Put(log, [("a", "1"), ("b", "1")], t0);
        Compaction.Put(log, [("a", null)], t0 + 5);
        log.Roll();

        Compaction.Clean(log, time).Should().NotBeNull();
        var batches = LogRecords.Batches(log);
        var tombstone = batches.Single(b => LogRecords.Records(b.Header, b.Bytes).Any(r => r.Value is null));
        tombstone.Header.HasDeleteHorizon.Should().BeTrue();
        tombstone.Header.BaseTimestamp.Should().Be(t0 + 10_000, "the delete horizon is the cleaning time plus delete.retention.ms");
        LogRecords.Records(tombstone.Header, tombstone.Bytes).Single().Timestamp.Should().Be(t0 + 5, "record timestamps are kept exactly");
        LogRecords.ReadAll(log).Select(r => (r.Key, r.Value)).Should().Equal(("b", "1"), ("a", null));

        Compaction.Put(log, [("c", "1")], t0);
        log.Roll();
        time.Advance(TimeSpan.FromMilliseconds(9_999));
        Compaction.Clean(log, time).Should().NotBeNull();
        LogRecords.ReadAll(log).Select(r => r.Key).Should().Equal("b", "a", "c");

        Compaction.Put(log, [("d", "1")], t0);
        log.Roll();
        time.Advance(TimeSpan.FromMilliseconds(1));
        Compaction.Clean(log, time).Should().NotBeNull();
        LogRecords.ReadAll(log).Select(r => r.Key).Should().Equal("b", "c", "d");
    }

    [Theory]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public void Compressed_batches_are_rebuilt_with_their_codec_and_untouched_ones_copied_as_they_are(CompressionType codec)
    {
        RecordCompression.IsSupported(codec, out var reason).Should().BeTrue(reason);
        using var log = LogFixture.Open(_dir, Compaction.Config());
        var untouched = KeyedBatch.Create([("u1", "x"), ("u2", "y")], compression: codec);
        log.AppendAsLeader(KeyedBatch.Create([("a", "1"), ("b", "1"), ("a", "2"), ("c", "1")], compression: codec), 0).IsSuccess.Should().BeTrue();
        log.AppendAsLeader(untouched.ToArray(), 0).IsSuccess.Should().BeTrue();
        log.AppendAsLeader(KeyedBatch.Create([("b", "2"), ("c", "2")], compression: codec), 0).IsSuccess.Should().BeTrue();
        log.Roll();

        Compaction.Clean(log).Should().NotBeNull();
        var batches = LogRecords.Batches(log);
        batches.Should().HaveCount(3);
        batches.Should().OnlyContain(b => b.Header.Compression == codec);
        batches[0].Header.BaseOffset.Should().Be(0);
        batches[0].Header.LastOffsetDelta.Should().Be(3, "a rebuilt batch keeps its offset range");
        batches[0].Header.RecordCount.Should().Be(1);
        LogRecords.Records(batches[0].Header, batches[0].Bytes).Single().Should().Be(new StoredRecord(2, "a", "2", 1_002));

        RecordBatchHeader.SetBaseOffset(untouched, 4);
        RecordBatchHeader.SetPartitionLeaderEpoch(untouched, 0);
        batches[1].Bytes.Should().Equal(untouched, "a batch that loses nothing is copied byte for byte");
        LogRecords.ReadAll(log).Select(r => (r.Offset, r.Key, r.Value)).Should().Equal(
            (2L, "a", "2"), (4L, "u1", "x"), (5L, "u2", "y"), (6L, "b", "2"), (7L, "c", "2"));
    }

    [Fact]
    public void An_active_producers_last_batch_is_kept_empty_so_its_sequence_survives()
    {
        const long Producer = 5;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(); // producers expire by their batches' timestamps
        using var log = LogFixture.Open(_dir, Compaction.Config());
        log.AppendAsLeader(KeyedBatch.Create([("a", "p0")], now, producerId: Producer, epoch: 0, baseSequence: 0), 0).IsSuccess.Should().BeTrue();
        log.AppendAsLeader(KeyedBatch.One("a", "plain"), 0).IsSuccess.Should().BeTrue();
        log.AppendAsLeader(KeyedBatch.Create([("b", "p1"), ("b", "p2")], now, producerId: Producer, epoch: 0, baseSequence: 1), 0).IsSuccess.Should().BeTrue();
        log.AppendAsLeader(KeyedBatch.One("b", "plain"), 0).IsSuccess.Should().BeTrue();
        log.Roll();

        Compaction.Clean(log).Should().NotBeNull();
        var batches = LogRecords.Batches(log);
        batches.Select(b => (b.Header.BaseOffset, b.Header.RecordCount, b.Header.ProducerId)).Should().Equal((1L, 1, -1L), (2L, 0, Producer), (4L, 1, -1L));
        var empty = batches[1].Header;
        (empty.LastOffsetDelta, empty.BaseSequence, empty.ProducerEpoch).Should().Be((1, 1, (short)0));

        // Rebuilt from the log alone, the producer state still knows the last sequence.
        var directory = log.Directory;
        log.Dispose();
        foreach (var offset in ProducerSnapshotFile.List(directory))
        {
            File.Delete(ProducerSnapshotFile.PathFor(directory, offset));
        }

        using var reopened = LogFixture.Open(_dir, Compaction.Config(), options: new LogOpenOptions { RecoveryPoint = 0 });
        var retry = reopened.AppendAsLeader(KeyedBatch.Create([("b", "p1"), ("b", "p2")], now, producerId: Producer, epoch: 0, baseSequence: 1), 0);
        retry.IsDuplicate.Should().BeTrue();
        retry.FirstOffset.Should().Be(2);
        reopened.AppendAsLeader(KeyedBatch.Create([("c", "p3")], now, producerId: Producer, epoch: 0, baseSequence: 4), 0).Error.Should().Be(Protocol.ErrorCode.OutOfOrderSequenceNumber);
        reopened.AppendAsLeader(KeyedBatch.Create([("c", "p3")], now, producerId: Producer, epoch: 0, baseSequence: 3), 0).IsDuplicate.Should().BeFalse();
    }

    [Fact]
    public void Records_without_a_key_cannot_be_compacted_and_are_removed()
    {
        using var log = LogFixture.Open(_dir, Compaction.Config());
        LogFixture.Append(log, count: 2);
        Compaction.Put(log, [("a", "1")]);
        log.Roll();
        Compaction.Clean(log).Should().NotBeNull();
        LogRecords.ReadAll(log).Select(r => r.Key).Should().Equal("a");
    }

    [Theory]
    [InlineData("compact,delete", 1)]
    [InlineData("compact", 3)]
    public void Compact_delete_also_applies_time_retention(string policy, int segmentsLeft)
    {
        var time = new FakeTimeProvider();
        using var log = LogFixture.Open(_dir, LogFixture.Config(("cleanup.policy", policy), ("retention.ms", "60000")), time);
        Compaction.Put(log, [("a", "1")], time.NowMs);
        log.Roll();
        Compaction.Put(log, [("b", "1")], time.NowMs);
        log.Roll();
        time.Advance(TimeSpan.FromMinutes(2));
        Compaction.Put(log, [("c", "1")], time.NowMs);
        log.DeleteOldSegments();
        log.SegmentCount.Should().Be(segmentsLeft);
    }
}
