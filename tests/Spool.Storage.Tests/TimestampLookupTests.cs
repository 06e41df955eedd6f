using Spool.Protocol.Records;

namespace Spool.Storage.Tests;

public sealed class TimestampLookupTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Offset_for_timestamp_is_the_first_record_at_or_after_it_across_segments()
    {
        var batchSize = TestBatch.Create(5, valueSize: 50).Length;
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", (batchSize * 4).ToString()), ("index.interval.bytes", "1")));
        for (var i = 0; i < 20; i++)
        {
            // Batch i holds offsets 5i..5i+4 with timestamps 1000 + 10 * offset.
            var timestamps = Enumerable.Range(0, 5).Select(r => 1000 + (10L * ((i * 5) + r))).ToArray();
            log.AppendAsLeader(TestBatch.Create(5, valueSize: 50, timestamps: timestamps), 7).IsSuccess.Should().BeTrue();
        }

        log.SegmentCount.Should().BeGreaterThan(3);
        log.FetchOffsetByTimestamp(0).Should().Be(new TimestampAndOffset(1000, 0, 7));
        log.FetchOffsetByTimestamp(1000).Should().Be(new TimestampAndOffset(1000, 0, 7));
        log.FetchOffsetByTimestamp(1001).Should().Be(new TimestampAndOffset(1010, 1, 7));
        log.FetchOffsetByTimestamp(1555).Should().Be(new TimestampAndOffset(1560, 56, 7));
        log.FetchOffsetByTimestamp(1990).Should().Be(new TimestampAndOffset(1990, 99, 7));
        log.FetchOffsetByTimestamp(1991).Should().BeNull();
    }

    [Fact]
    public void Out_of_order_timestamps_find_the_first_qualifying_record()
    {
        using var log = LogFixture.Open(_dir);
        log.AppendAsLeader(TestBatch.Create(4, timestamps: [100, 500, 200, 300]), 0);
        log.AppendAsLeader(TestBatch.Create(2, timestamps: [250, 600]), 0);

        log.FetchOffsetByTimestamp(250).Should().Be(new TimestampAndOffset(500, 1, 0));
        log.FetchOffsetByTimestamp(550).Should().Be(new TimestampAndOffset(600, 5, 0));
        log.MaxTimestampRecord().Should().Be(new TimestampAndOffset(600, 5, 0));
    }

    [Fact]
    public void Max_timestamp_points_at_the_record_not_the_batch()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", "100")));
        log.AppendAsLeader(TestBatch.Create(3, timestamps: [100, 900, 200]), 0);
        log.AppendAsLeader(TestBatch.Create(3, timestamps: [300, 400, 500]), 0);
        log.SegmentCount.Should().Be(2);

        log.FetchOffsetByTimestamp(ListOffsetsTimestamps.MaxTimestamp).Should().Be(new TimestampAndOffset(900, 1, 0));
    }

    [Fact]
    public void Gzip_batches_are_searched_record_by_record()
    {
        using var log = LogFixture.Open(_dir);
        log.AppendAsLeader(TestBatch.Create(10, firstTimestamp: 5000, compression: CompressionType.Gzip), 0).IsSuccess.Should().BeTrue();

        log.FetchOffsetByTimestamp(5004).Should().Be(new TimestampAndOffset(5004, 4, 0));
        log.FetchOffsetByTimestamp(ListOffsetsTimestamps.MaxTimestamp).Should().Be(new TimestampAndOffset(5009, 9, 0));
    }

    [Fact]
    public void Earliest_and_latest_follow_log_start_and_end()
    {
        using var log = LogFixture.Open(_dir);
        LogFixture.Append(log, count: 4, epoch: 2);
        LogFixture.Append(log, count: 4, epoch: 3);
        log.UpdateHighWatermark(8);
        log.DeleteRecordsBefore(5);

        log.FetchOffsetByTimestamp(ListOffsetsTimestamps.Earliest).Should().Be(new TimestampAndOffset(-1, 5, 3));
        log.FetchOffsetByTimestamp(ListOffsetsTimestamps.Latest).Should().Be(new TimestampAndOffset(-1, 8, 3));

        // Records below the log start offset are not answers any more.
        log.FetchOffsetByTimestamp(1000).Should().Be(new TimestampAndOffset(1001, 5, 3));
    }

    [Fact]
    public void Timestamp_lookups_survive_a_restart_with_lazily_loaded_indexes()
    {
        var config = LogFixture.Config(("segment.bytes", "400"), ("index.interval.bytes", "1"));
        using (var log = LogFixture.Open(_dir, config))
        {
            for (var i = 0; i < 12; i++)
            {
                LogFixture.Append(log, count: 2, timestamp: 10_000 + (i * 100));
            }

            log.Close();
        }

        using var reopened = LogFixture.Open(_dir, config, options: new LogOpenOptions { HadCleanShutdown = true });
        reopened.FetchOffsetByTimestamp(10_550).Should().Be(new TimestampAndOffset(10_600, 12, 0));
        reopened.FetchOffsetByTimestamp(ListOffsetsTimestamps.MaxTimestamp).Should().Be(new TimestampAndOffset(11_101, 23, 0));
    }
}
