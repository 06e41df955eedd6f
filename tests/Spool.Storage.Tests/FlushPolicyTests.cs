namespace Spool.Storage.Tests;

public sealed class FlushPolicyTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void By_default_appends_are_not_flushed_until_the_segment_rolls()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", "200")), _time);
        LogFixture.Append(log, count: 2);
        log.RecoveryPoint.Should().Be(0);
        log.FlushIfDue().Should().BeFalse();

        for (var i = 0; i < 4; i++)
        {
            LogFixture.Append(log, count: 2);
        }

        log.SegmentCount.Should().BeGreaterThan(1);
        log.WaitForBackgroundFlush();
        log.RecoveryPoint.Should().Be(log.SegmentBaseOffsets[^1], "a rolled segment is flushed in the background");
    }

    [Fact]
    public void Flush_messages_forces_a_flush_after_that_many_records()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("flush.messages", "5")), _time);
        LogFixture.Append(log, count: 3);
        log.RecoveryPoint.Should().Be(0);
        LogFixture.Append(log, count: 3);
        log.RecoveryPoint.Should().Be(6);
        log.UnflushedMessages.Should().Be(0);
    }

    [Fact]
    public void Flush_ms_flushes_when_unflushed_data_is_old_enough()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("flush.ms", "1000")), _time);
        LogFixture.Append(log, count: 3);
        log.FlushIfDue().Should().BeFalse();

        _time.Advance(TimeSpan.FromMilliseconds(1001));
        log.FlushIfDue().Should().BeTrue();
        log.RecoveryPoint.Should().Be(3);
        log.FlushIfDue().Should().BeFalse("nothing new to flush");
    }

    [Fact]
    public async Task The_flush_scheduler_applies_flush_ms()
    {
        await using var manager = new LogManager(new LogManagerOptions
        {
            LogDirs = [_dir.Combine("data")],
            TimeProvider = _time,
            FlushCheckInterval = TimeSpan.FromSeconds(1),
        });
        manager.Startup();
        var log = manager.GetOrCreateLog(new TopicPartition("f", 0), Protocol.Uuid.NewRandom(), LogFixture.Config(("flush.ms", "2000")));
        LogFixture.Append(log, count: 4);

        _time.Advance(TimeSpan.FromSeconds(3));
        for (var i = 0; i < 1000 && log.RecoveryPoint < 4; i++)
        {
            await Task.Delay(10);
        }

        log.RecoveryPoint.Should().Be(4);
    }
}
