using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Storage.Tests;

public sealed class TruncationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Truncate_inside_the_active_segment_cuts_before_the_batch_and_follows_with_hw_and_epochs()
    {
        using var log = LogFixture.Open(_dir);
        LogFixture.Append(log, count: 3, epoch: 1);
        LogFixture.Append(log, count: 3, epoch: 2);
        LogFixture.Append(log, count: 3, epoch: 2);
        log.UpdateHighWatermark(9);

        log.TruncateTo(6);
        log.LogEndOffset.Should().Be(6);
        log.HighWatermark.Should().Be(6);
        LogFixture.ReadAll(log).Select(h => h.BaseOffset).Should().Equal(0, 3);

        log.TruncateTo(3);
        log.EpochEntries.Should().Equal(new EpochEntry(1, 0));
        LogFixture.Append(log, count: 2, epoch: 4).FirstOffset.Should().Be(3);
        LogFixture.ReadAll(log).Select(h => h.BaseOffset).Should().Equal(0, 3);
    }

    [Fact]
    public void Truncate_into_an_older_segment_deletes_later_ones_and_reactivates_it()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", "200"), ("index.interval.bytes", "1")));
        for (var i = 0; i < 10; i++)
        {
            LogFixture.Append(log, count: 2, valueSize: 20);
        }

        log.SegmentCount.Should().BeGreaterThan(3);
        var bases = log.SegmentBaseOffsets;

        log.TruncateTo(bases[1] + 1);
        log.SegmentBaseOffsets.Should().Equal(bases[0], bases[1]);
        log.LogEndOffset.Should().Be(bases[1]);
        Directory.GetFiles(log.Directory, "*.log").Should().HaveCount(2);

        LogFixture.Append(log, count: 2, valueSize: 20).FirstOffset.Should().Be(bases[1]);
        LogFixture.ReadAll(log).Last().BaseOffset.Should().Be(bases[1]);
    }

    [Fact]
    public void Truncate_below_the_log_start_restarts_the_log()
    {
        using var log = LogFixture.Open(_dir);
        LogFixture.Append(log, count: 5);
        log.TruncateFullyAndStartAt(100);
        log.LogStartOffset.Should().Be(100);
        log.LogEndOffset.Should().Be(100);
        LogFixture.Append(log).FirstOffset.Should().Be(100);
    }

    [Fact]
    public void Follower_appends_keep_offsets_and_epochs_and_refuse_going_back()
    {
        using var leader = LogFixture.Open(_dir, name: "leader-0");
        LogFixture.Append(leader, count: 3, epoch: 1);
        LogFixture.Append(leader, count: 2, epoch: 2);
        using var fetched = leader.Read(0, 1 << 20);

        using var follower = LogFixture.Open(_dir, name: "follower-0");
        var result = follower.AppendAsFollower(fetched.Records.Span);
        result.Error.Should().Be(ErrorCode.None);
        result.FirstOffset.Should().Be(0);
        result.LastOffset.Should().Be(4);
        follower.LogEndOffset.Should().Be(5);
        follower.EpochEntries.Should().Equal(leader.EpochEntries);

        follower.AppendAsFollower(fetched.Records.Span).Error.Should().Be(ErrorCode.OffsetOutOfRange);

        // A gap (a compacted leader) is fine: offsets only need to increase.
        var later = TestBatch.Create(2);
        RecordBatchHeader.SetBaseOffset(later, 50);
        RecordBatchHeader.SetPartitionLeaderEpoch(later, 3);
        follower.AppendAsFollower(later).Error.Should().Be(ErrorCode.None);
        follower.LogEndOffset.Should().Be(52);
        using var read = follower.Read(10, 1000);
        read.FirstOffset.Should().Be(50);
    }
}
