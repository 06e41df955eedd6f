using Spool.Protocol;

namespace Spool.Storage.Tests;

public sealed class RetentionTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Retention_ms_deletes_old_segments_and_moves_the_log_start()
    {
        var batchSize = TestBatch.Create(2).Length;
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", (batchSize * 2).ToString()), ("retention.ms", "3600000"), ("file.delete.delay.ms", "0")), _time);
        var now = _time.NowMs;
        for (var i = 0; i < 6; i++)
        {
            // Two batches per segment; segment k's newest record is (5 - k) hours old at the end.
            LogFixture.Append(log, count: 2, timestamp: now - ((5 - (i / 2 * 2)) * 3_600_000L));
        }

        log.SegmentBaseOffsets.Should().Equal(0, 4, 8);
        log.UpdateHighWatermark(log.LogEndOffset);

        log.DeleteOldSegments().Should().Be(2);
        log.SegmentBaseOffsets.Should().Equal(8);
        log.LogStartOffset.Should().Be(8);
        Directory.GetFiles(log.Directory, "*.log").Should().ContainSingle();

        using var read = log.Read(0, 1000);
        read.Error.Should().Be(ErrorCode.OffsetOutOfRange);
    }

    [Fact]
    public void Retention_ms_deletes_the_active_segment_too_and_keeps_the_log_end()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("retention.ms", "1000"), ("file.delete.delay.ms", "0")), _time);
        LogFixture.Append(log, count: 3, timestamp: _time.NowMs);
        log.UpdateHighWatermark(3);

        _time.Advance(TimeSpan.FromSeconds(2));
        log.DeleteOldSegments().Should().Be(1);

        log.SegmentBaseOffsets.Should().Equal(3);
        log.LogStartOffset.Should().Be(3);
        log.LogEndOffset.Should().Be(3);
        LogFixture.Append(log).FirstOffset.Should().Be(3);
    }

    [Fact]
    public void Segments_above_the_high_watermark_are_kept()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", "100"), ("retention.ms", "1")), _time);
        LogFixture.Append(log, timestamp: 0);
        LogFixture.Append(log, timestamp: 0);
        LogFixture.Append(log, timestamp: 0);
        log.UpdateHighWatermark(1);

        log.DeleteOldSegments().Should().Be(1);
        log.SegmentBaseOffsets.Should().Equal(1, 2);
    }

    [Fact]
    public void Retention_bytes_deletes_oldest_segments_while_the_log_is_too_big()
    {
        var batchSize = TestBatch.Create(1, valueSize: 100).Length;
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", (batchSize * 2).ToString()), ("retention.bytes", (batchSize * 5).ToString())), _time);
        for (var i = 0; i < 9; i++)
        {
            LogFixture.Append(log, valueSize: 100, timestamp: _time.NowMs);
        }

        log.UpdateHighWatermark(log.LogEndOffset);
        log.SegmentBaseOffsets.Should().Equal(0, 2, 4, 6, 8);

        log.DeleteOldSegments().Should().Be(2);
        log.SegmentBaseOffsets.Should().Equal(4, 6, 8);
        log.Size.Should().BeLessThanOrEqualTo(batchSize * 5);
    }

    [Fact]
    public void Deleted_segments_are_renamed_first_and_removed_after_the_file_delete_delay()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", "100"), ("retention.bytes", "0"), ("file.delete.delay.ms", "60000")), _time);
        LogFixture.Append(log);
        LogFixture.Append(log);
        log.UpdateHighWatermark(2);

        log.DeleteOldSegments().Should().Be(2);
        Directory.GetFiles(log.Directory, "*.deleted").Should().NotBeEmpty();

        _time.Advance(TimeSpan.FromSeconds(61));
        log.DeletePendingSegments();
        Directory.GetFiles(log.Directory, "*.deleted").Should().BeEmpty();
    }

    [Fact]
    public void Delete_records_moves_the_log_start_and_deletes_covered_segments()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", "100"), ("file.delete.delay.ms", "0")), _time);
        for (var i = 0; i < 5; i++)
        {
            LogFixture.Append(log, count: 2);
        }

        log.SegmentBaseOffsets.Should().Equal(0, 2, 4, 6, 8);
        log.DeleteRecordsBefore(3).Error.Should().Be(ErrorCode.OffsetOutOfRange, "the high watermark is still 0");

        log.UpdateHighWatermark(10);
        var result = log.DeleteRecordsBefore(5);
        result.Should().Be(new DeleteRecordsResult(ErrorCode.None, 5));
        log.SegmentBaseOffsets.Should().Equal(4, 6, 8);

        using (var read = log.Read(5, 1000))
        {
            read.FirstOffset.Should().Be(4, "the batch containing the new log start offset is returned whole");
        }

        log.DeleteRecordsBefore(3).LowWatermark.Should().Be(5, "the log start offset never moves back");
        log.DeleteRecordsBefore(-1).LowWatermark.Should().Be(10, "-1 means the high watermark");
        log.SegmentBaseOffsets.Should().Equal(8);
    }
}
