using System.Buffers.Binary;
using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Storage.Tests;

public sealed class AppendReadTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Append_assigns_offsets_epoch_and_advances_the_log_end()
    {
        using var log = LogFixture.Open(_dir);
        var first = LogFixture.Append(log, count: 3, epoch: 5);
        var second = LogFixture.Append(log, count: 2, epoch: 5);

        first.FirstOffset.Should().Be(0);
        first.LastOffset.Should().Be(2);
        second.FirstOffset.Should().Be(3);
        second.LastOffset.Should().Be(4);
        first.LogAppendTime.Should().Be(-1);
        log.LogEndOffset.Should().Be(5);

        var headers = LogFixture.ReadAll(log);
        headers.Select(h => h.BaseOffset).Should().Equal(0, 3);
        headers.Should().OnlyContain(h => h.PartitionLeaderEpoch == 5);
        log.LatestEpoch.Should().Be(5);
    }

    [Fact]
    public void Several_batches_in_one_append_get_consecutive_offsets()
    {
        using var log = LogFixture.Open(_dir);
        var input = TestBatch.Create(2).Concat(TestBatch.Create(3)).Concat(TestBatch.Create(1)).ToArray();
        var result = log.AppendAsLeader(input, 0);

        result.Error.Should().Be(ErrorCode.None);
        result.FirstOffset.Should().Be(0);
        result.LastOffset.Should().Be(5);
        LogFixture.ReadAll(log).Select(h => (h.BaseOffset, h.LastOffset)).Should().Equal((0L, 1L), (2L, 4L), (5L, 5L));
    }

    [Fact]
    public void Read_returns_the_batch_containing_the_offset()
    {
        using var log = LogFixture.Open(_dir);
        LogFixture.Append(log, count: 10);
        LogFixture.Append(log, count: 10);

        using var result = log.Read(15, 1 << 20);
        var batches = TestBatch.Split(result.Records.Span);
        batches.Should().ContainSingle();
        batches[0].Header.BaseOffset.Should().Be(10);
        result.FirstOffset.Should().Be(10);
        result.NextOffset.Should().Be(20);
        TestBatch.Values(batches[0].Bytes)[5].Should().Equal("v5"u8.ToArray());
    }

    [Fact]
    public void Read_stops_at_max_bytes_on_batch_boundaries_and_min_one_batch_returns_an_oversized_first_batch()
    {
        using var log = LogFixture.Open(_dir);
        var size = TestBatch.Create(1, valueSize: 100).Length;
        for (var i = 0; i < 5; i++)
        {
            LogFixture.Append(log, valueSize: 100);
        }

        using (var two = log.Read(0, (2 * size) + (size / 2)))
        {
            TestBatch.Split(two.Records.Span).Should().HaveCount(2);
            two.NextOffset.Should().Be(2);
        }

        using (var forced = log.Read(1, 10, minOneBatch: true))
        {
            TestBatch.Split(forced.Records.Span).Single().Header.BaseOffset.Should().Be(1);
        }

        using (var none = log.Read(1, 10, minOneBatch: false))
        {
            none.Error.Should().Be(ErrorCode.None);
            none.IsEmpty.Should().BeTrue();
        }
    }

    [Fact]
    public void Read_never_returns_a_batch_at_or_past_the_max_offset()
    {
        using var log = LogFixture.Open(_dir);
        LogFixture.Append(log, count: 5);
        LogFixture.Append(log, count: 5);
        LogFixture.Append(log, count: 5);

        using (var result = log.Read(0, 1 << 20, maxOffsetExclusive: 10))
        {
            TestBatch.Split(result.Records.Span).Select(b => b.Header.BaseOffset).Should().Equal(0, 5);
        }

        // A batch that straddles the limit is not returned.
        using (var straddling = log.Read(0, 1 << 20, maxOffsetExclusive: 7))
        {
            TestBatch.Split(straddling.Records.Span).Select(b => b.Header.BaseOffset).Should().Equal(0);
        }

        using var empty = log.Read(10, 1 << 20, maxOffsetExclusive: 10);
        empty.Error.Should().Be(ErrorCode.None);
        empty.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Read_outside_the_log_is_offset_out_of_range_and_at_the_end_is_empty()
    {
        using var log = LogFixture.Open(_dir);
        LogFixture.Append(log, count: 3);

        using (var above = log.Read(4, 1000))
        {
            above.Error.Should().Be(ErrorCode.OffsetOutOfRange);
            above.LogEndOffset.Should().Be(3);
        }

        using (var atEnd = log.Read(3, 1000))
        {
            atEnd.Error.Should().Be(ErrorCode.None);
            atEnd.IsEmpty.Should().BeTrue();
        }

        log.UpdateHighWatermark(3);
        log.DeleteRecordsBefore(2).Error.Should().Be(ErrorCode.None);
        using var below = log.Read(1, 1000);
        below.Error.Should().Be(ErrorCode.OffsetOutOfRange);
        below.LogStartOffset.Should().Be(2);
    }

    [Fact]
    public void Corrupt_input_is_refused_and_nothing_is_appended()
    {
        using var log = LogFixture.Open(_dir);
        LogFixture.Append(log, count: 2);
        var good = TestBatch.Create(2);

        var flipped = (byte[])good.Clone();
        flipped[^1] ^= 0x40;
        Refused(log.AppendAsLeader(flipped, 0), ErrorCode.CorruptMessage);

        // The first batch is fine, the second one is truncated: the whole request is refused.
        Refused(log.AppendAsLeader(good.Concat(good[..^3]).ToArray(), 0), ErrorCode.CorruptMessage);

        var legacy = (byte[])good.Clone();
        legacy[RecordBatchHeader.MagicOffset] = 1;
        Refused(log.AppendAsLeader(legacy, 0), ErrorCode.UnsupportedForMessageFormat);

        var badLength = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32BigEndian(badLength.AsSpan(RecordBatchHeader.BatchLengthOffset), 10);
        Refused(log.AppendAsLeader(badLength, 0), ErrorCode.CorruptMessage);

        var negativeDelta = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32BigEndian(negativeDelta.AsSpan(RecordBatchHeader.LastOffsetDeltaOffset), -1);
        RecordBatchHeader.UpdateCrc(negativeDelta);
        Refused(log.AppendAsLeader(negativeDelta, 0), ErrorCode.CorruptMessage);

        Refused(log.AppendAsLeader(new byte[5], 0), ErrorCode.CorruptMessage);

        log.LogEndOffset.Should().Be(2);
        LogFixture.ReadAll(log).Should().ContainSingle();

        void Refused(LogAppendResult result, ErrorCode expected)
        {
            result.Error.Should().Be(expected);
            result.ErrorMessage.Should().NotBeNullOrEmpty();
            log.LogEndOffset.Should().Be(2);
        }
    }

    [Fact]
    public void Batches_larger_than_max_message_bytes_are_refused()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("max.message.bytes", "500")));
        log.AppendAsLeader(TestBatch.Create(1, valueSize: 400), 0).Error.Should().Be(ErrorCode.None);
        var result = log.AppendAsLeader(TestBatch.Create(1, valueSize: 600), 0);
        result.Error.Should().Be(ErrorCode.MessageTooLarge);
        result.ErrorMessage.Should().Contain("max.message.bytes");
        log.LogEndOffset.Should().Be(1);
    }

    [Fact]
    public void Log_append_time_is_stamped_with_a_valid_crc()
    {
        var time = new FakeTimeProvider();
        using var log = LogFixture.Open(_dir, LogFixture.Config(("message.timestamp.type", "LogAppendTime")), time);
        var result = LogFixture.Append(log, count: 3, timestamp: 5);
        result.LogAppendTime.Should().Be(time.NowMs);

        using var read = log.Read(0, 1 << 20);
        var header = TestBatch.Split(read.Records.Span).Single().Header;
        header.TimestampType.Should().Be(TimestampType.LogAppendTime);
        header.MaxTimestamp.Should().Be(time.NowMs);
        log.FetchOffsetByTimestamp(time.NowMs).Should().Be(new TimestampAndOffset(time.NowMs, 0, 0));
    }

    [Fact]
    public void Appended_and_high_watermark_notifications_fire()
    {
        using var log = LogFixture.Open(_dir);
        var appended = 0;
        var advanced = 0;
        log.Appended += _ => appended++;
        log.HighWatermarkAdvanced += _ => advanced++;

        LogFixture.Append(log, count: 2);
        log.MaybeIncrementHighWatermark(log.LogEndOffset).Should().BeTrue();
        log.MaybeIncrementHighWatermark(1).Should().BeFalse();

        appended.Should().Be(1);
        advanced.Should().Be(1);
        log.HighWatermark.Should().Be(2);
    }

    [Fact]
    public void Leader_epochs_answer_offset_for_leader_epoch()
    {
        using var log = LogFixture.Open(_dir);
        LogFixture.Append(log, count: 3, epoch: 1);
        LogFixture.Append(log, count: 2, epoch: 3);
        LogFixture.Append(log, count: 4, epoch: 3);

        log.EpochEntries.Should().Equal(new EpochEntry(1, 0), new EpochEntry(3, 3));
        log.EndOffsetForEpoch(3).Should().Be(new EpochEndOffset(3, 9));
        log.EndOffsetForEpoch(1).Should().Be(new EpochEndOffset(1, 3));
        log.EndOffsetForEpoch(2).Should().Be(new EpochEndOffset(1, 3));
        log.EndOffsetForEpoch(0).Should().Be(new EpochEndOffset(0, 0));
        log.EndOffsetForEpoch(4).Should().Be(EpochEndOffset.Undefined);
        log.EpochForOffset(4).Should().Be(3);
    }

    [Fact]
    public async Task Concurrent_readers_only_see_whole_batches_while_appending()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", "20000")));
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var offset = 0L;
                while (offset < log.LogEndOffset)
                {
                    using var result = log.Read(offset, 4096);
                    try
                    {
                        var batches = TestBatch.Split(result.Records.Span);
                        if (batches.Count == 0 || batches[0].Header.BaseOffset > offset)
                        {
                            Interlocked.Increment(ref failures);
                        }
                    }
                    catch (InvalidDataException)
                    {
                        Interlocked.Increment(ref failures);
                    }

                    offset = result.NextOffset;
                }
            }
        })).ToArray();

        for (var i = 0; i < 400; i++)
        {
            LogFixture.Append(log, count: 1 + (i % 5), valueSize: 50, seed: i);
        }

        stop.Cancel();
        await Task.WhenAll(readers);
        failures.Should().Be(0);
        log.SegmentCount.Should().BeGreaterThan(1);
    }
}
