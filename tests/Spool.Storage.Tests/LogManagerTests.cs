using Spool.Protocol;

namespace Spool.Storage.Tests;

public sealed class LogManagerTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Creates_logs_in_the_dir_with_fewest_partitions_and_reloads_them_after_a_clean_shutdown()
    {
        var topicId = Uuid.NewRandom();
        await using (var manager = Start(2))
        {
            for (var p = 0; p < 4; p++)
            {
                var log = manager.GetOrCreateLog(new TopicPartition("orders", p), topicId, LogConfig.Default);
                LogFixture.Append(log, count: p + 1);
                log.MaybeIncrementHighWatermark(log.LogEndOffset);
            }

            manager.GetOrCreateLog(new TopicPartition("orders", 0), topicId, LogConfig.Default).LogEndOffset.Should().Be(1);
            manager.Logs.GroupBy(l => Path.GetDirectoryName(l.Directory)).Select(g => g.Count()).Should().Equal(2, 2);
            await manager.ShutdownAsync();
        }

        foreach (var dir in Dirs(2))
        {
            File.Exists(Path.Combine(dir, ".kafka_cleanshutdown")).Should().BeTrue();
            File.ReadAllLines(Path.Combine(dir, "recovery-point-offset-checkpoint"))[1].Should().Be("2");
            File.Exists(Path.Combine(dir, "replication-offset-checkpoint")).Should().BeTrue();
        }

        await using var reopened = Start(2);
        foreach (var dir in Dirs(2))
        {
            File.Exists(Path.Combine(dir, ".kafka_cleanshutdown")).Should().BeFalse("the marker only covers one run");
        }

        reopened.Logs.Should().HaveCount(4);
        for (var p = 0; p < 4; p++)
        {
            var log = reopened.GetLog(new TopicPartition("orders", p))!;
            log.LogEndOffset.Should().Be(p + 1);
            log.HighWatermark.Should().Be(p + 1);
            log.TopicId.Should().Be(topicId);
        }
    }

    [Fact]
    public async Task Deleting_a_log_renames_its_directory_and_removes_it_in_the_background()
    {
        await using var manager = Start(1);
        var tp = new TopicPartition("gone", 0);
        LogFixture.Append(manager.GetOrCreateLog(tp, Uuid.NewRandom(), LogConfig.Default), count: 3);

        manager.DeleteLog(tp).Should().BeTrue();
        manager.GetLog(tp).Should().BeNull();
        Directory.Exists(Path.Combine(Dirs(1)[0], "gone-0")).Should().BeFalse();
        await manager.WhenDeletionsCompleteAsync();
        Directory.GetDirectories(Dirs(1)[0]).Should().BeEmpty();
        manager.DeleteLog(tp).Should().BeFalse();

        // A new log with the same name starts empty.
        manager.GetOrCreateLog(tp, Uuid.NewRandom(), LogConfig.Default).LogEndOffset.Should().Be(0);
    }

    [Fact]
    public async Task Leftover_delete_directories_are_removed_at_startup()
    {
        var leftover = Path.Combine(Dirs(1)[0], "old-0.0123456789abcdef0123456789abcdef-delete");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "00000000000000000000.log"), "x");

        await using var manager = Start(1);
        await manager.WhenDeletionsCompleteAsync();
        Directory.Exists(leftover).Should().BeFalse();
        manager.Logs.Should().BeEmpty();
    }

    [Fact]
    public async Task Describes_log_dirs_with_sizes_and_free_space()
    {
        await using var manager = Start(2);
        var log = manager.GetOrCreateLog(new TopicPartition("t", 0), Uuid.NewRandom(), LogConfig.Default);
        LogFixture.Append(log, count: 10, valueSize: 100);

        var dirs = manager.DescribeLogDirs();
        dirs.Should().HaveCount(2);
        dirs.Should().OnlyContain(d => d.Error == ErrorCode.None && d.TotalBytes > 0 && d.UsableBytes > 0);
        var withLog = dirs.Single(d => d.Partitions.Count == 1);
        withLog.Partitions[0].Should().Be(new LogDirPartition(new TopicPartition("t", 0), log.Size, 0, false));
        withLog.Size.Should().Be(log.Size);
    }

    [Fact]
    public async Task The_retention_scheduler_runs_on_the_time_provider()
    {
        await using var manager = Start(1, retentionInterval: TimeSpan.FromMinutes(5));
        var config = LogFixture.Config(("retention.ms", "420000"), ("segment.bytes", "100"), ("file.delete.delay.ms", "0"));
        var log = manager.GetOrCreateLog(new TopicPartition("r", 0), Uuid.NewRandom(), config);
        LogFixture.Append(log, timestamp: _time.NowMs);
        LogFixture.Append(log, timestamp: _time.NowMs);
        log.MaybeIncrementHighWatermark(log.LogEndOffset);

        _time.Advance(TimeSpan.FromMinutes(5));
        await WaitUntil(() => manager.RetentionRuns >= 1);
        log.SegmentCount.Should().Be(2, "nothing is older than retention.ms yet");

        _time.Advance(TimeSpan.FromMinutes(5));
        await WaitUntil(() => manager.RetentionRuns >= 2);
        log.LogStartOffset.Should().Be(2);
        log.SegmentBaseOffsets.Should().Equal(2);
    }

    [Fact]
    public async Task Delete_records_is_checkpointed_at_once()
    {
        await using var manager = Start(1);
        var log = manager.GetOrCreateLog(new TopicPartition("d", 0), Uuid.NewRandom(), LogConfig.Default);
        LogFixture.Append(log, count: 10);
        log.MaybeIncrementHighWatermark(10);
        log.DeleteRecordsBefore(6);

        File.ReadAllLines(Path.Combine(Dirs(1)[0], "log-start-offset-checkpoint")).Should().Contain("d 0 6");
    }

    [Fact]
    public async Task An_unclean_restart_recovers_from_the_checkpointed_recovery_point()
    {
        var manager = Start(1);
        var log = manager.GetOrCreateLog(new TopicPartition("u", 0), Uuid.NewRandom(), LogFixture.Config(("segment.bytes", "300")));
        for (var i = 0; i < 20; i++)
        {
            LogFixture.Append(log, count: 2);
        }

        log.WaitForBackgroundFlush();
        manager.CheckpointAll();
        var active = Path.Combine(log.Directory, log.SegmentBaseOffsets[^1].ToString("D20") + ".log");

        // Simulate a crash: no shutdown, and a torn batch at the tail. Release the files the way a dying process would.
        foreach (var l in manager.Logs)
        {
            l.Dispose();
        }

        await ReleaseLocksAsync(manager);
        File.AppendAllText(active, "torn");

        var config = LogFixture.Config(("segment.bytes", "300"));
        await using var reopened = new LogManager(new LogManagerOptions { LogDirs = Dirs(1), TimeProvider = _time, TopicConfigProvider = _ => config });
        reopened.Startup();
        var recovered = reopened.GetLog(new TopicPartition("u", 0))!;
        recovered.LogEndOffset.Should().Be(40);
        recovered.Config.SegmentBytes.Should().Be(300);
        LogFixture.ReadAll(recovered).Should().HaveCount(20);
    }

    [Fact]
    public async Task A_log_dir_is_locked_against_a_second_manager()
    {
        await using var manager = Start(1);
        var second = new LogManager(new LogManagerOptions { LogDirs = Dirs(1), TimeProvider = _time });
        second.Invoking(m => m.Startup()).Should().Throw<IOException>().WithMessage("*in use*");
    }

    [Fact]
    public async Task Many_idle_partitions_hold_only_their_active_segment_handles()
    {
        await using var manager = new LogManager(new LogManagerOptions
        {
            LogDirs = Dirs(1),
            TimeProvider = _time,
            MaxOpenSegmentHandles = 8,
            MaxLoadedIndexes = 8,
        });
        manager.Startup();
        var config = LogFixture.Config(("segment.bytes", "150"));
        var logs = Enumerable.Range(0, 60).Select(p => manager.GetOrCreateLog(new TopicPartition("many", p), Uuid.NewRandom(), config)).ToList();
        foreach (var log in logs)
        {
            for (var i = 0; i < 6; i++)
            {
                LogFixture.Append(log, count: 1, valueSize: 40);
            }
        }

        logs.Should().OnlyContain(l => l.SegmentCount >= 3);
        logs.ForEach(l => l.WaitForBackgroundFlush());

        // Read everything from the start of every partition: inactive segments borrow from the bounded caches.
        foreach (var log in logs)
        {
            LogFixture.ReadAll(log).Should().HaveCount(6);
            log.FetchOffsetByTimestamp(1000).Should().NotBeNull();
        }

        manager.Resources.OpenSegmentHandles.Should().BeLessThanOrEqualTo(8);
        manager.Resources.LoadedIndexes.Should().BeLessThanOrEqualTo(8);
        var segmentFilesOpen = OpenFileDescriptorsUnder(Dirs(1)[0]);
        if (segmentFilesOpen >= 0)
        {
            // One active segment per partition, plus at most the cache's inactive handles.
            segmentFilesOpen.Should().BeLessThanOrEqualTo(60 + 8);
        }
    }

    [Fact]
    public void Options_come_from_broker_properties()
    {
        var options = LogManagerOptions.FromBrokerProperties(new Dictionary<string, string>
        {
            ["log.dirs"] = "/a, /b",
            ["log.retention.check.interval.ms"] = "1000",
            ["log.retention.hours"] = "1",
            ["num.recovery.threads.per.data.dir"] = "4",
        });
        options.LogDirs.Should().Equal("/a", "/b");
        options.RetentionCheckInterval.Should().Be(TimeSpan.FromSeconds(1));
        options.RecoveryThreadsPerDataDir.Should().Be(4);
        options.Defaults.GetValue("retention.ms").Should().Be("3600000");

        var act = () => LogManagerOptions.FromBrokerProperties(new Dictionary<string, string> { ["log.retention.check.interval.ms"] = "x" });
        act.Should().Throw<ConfigException>().WithMessage("Invalid value x for configuration log.retention.check.interval.ms*");
    }

    private LogManager Start(int dirs, TimeSpan? retentionInterval = null)
    {
        var manager = new LogManager(new LogManagerOptions
        {
            LogDirs = Dirs(dirs),
            TimeProvider = _time,
            RetentionCheckInterval = retentionInterval ?? TimeSpan.FromMinutes(5),
        });
        manager.Startup();
        return manager;
    }

    private string[] Dirs(int count) => Enumerable.Range(0, count).Select(i => _dir.Combine($"data{i}")).ToArray();

    private static async Task ReleaseLocksAsync(LogManager manager)
    {
        var field = typeof(LogManager).GetField("_dirLocks", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        foreach (var stream in (List<FileStream>)field.GetValue(manager)!)
        {
            await stream.DisposeAsync();
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }

    /// <summary>Segment files (.log) this process has open under <paramref name="root"/>, or -1 where /proc is unavailable.</summary>
    private static int OpenFileDescriptorsUnder(string root)
    {
        if (!Directory.Exists("/proc/self/fd"))
        {
            return -1;
        }

        var count = 0;
        foreach (var fd in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith(root, StringComparison.Ordinal) && target.EndsWith(".log", StringComparison.Ordinal))
                {
                    count++;
                }
            }
            catch (IOException)
            {
            }
        }

        return count;
    }
}
