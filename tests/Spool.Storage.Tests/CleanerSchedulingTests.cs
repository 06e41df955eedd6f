using Spool.Protocol;

namespace Spool.Storage.Tests;

/// <summary>Which logs the cleaner picks and when (dirty ratio, compaction lags), its checkpoint and its background threads.</summary>
public sealed class CleanerSchedulingTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_log_is_cleaned_once_its_dirty_ratio_exceeds_min_cleanable_dirty_ratio()
    {
        await using var manager = Start();
        var log = Create(manager, "ratio", ("min.cleanable.dirty.ratio", "0.5"));
        PutUnique(log, 0, 10);
        manager.RunCleaner().Should().ContainSingle("a log never cleaned is all dirty");
        log.CleanerCheckpoint.Should().Be(10);

        PutUnique(log, 10, 4);
        Candidate(log).CleanableRatio.Should().BeApproximately(4 / 14.0, 0.01);
        manager.RunCleaner().Should().BeEmpty();

        PutUnique(log, 14, 8);
        Candidate(log).CleanableRatio.Should().BeGreaterThan(0.5);
        manager.RunCleaner().Should().ContainSingle().Which.FirstDirtyOffset.Should().Be(10);
    }

    [Fact]
    public async Task The_filthiest_log_is_cleaned_first()
    {
        await using var manager = Start();
        var a = Create(manager, "a");
        var b = Create(manager, "b");
        PutUnique(a, 0, 10);
        PutUnique(b, 0, 10);
        manager.RunCleaner().Should().HaveCount(2);
        PutUnique(a, 10, 2);
        PutUnique(b, 10, 6);
        manager.RunCleaner().Select(s => s.TopicPartition.Topic).Should().Equal("b", "a");
    }

    [Fact]
    public async Task Segments_younger_than_min_compaction_lag_ms_wait()
    {
        await using var manager = Start();
        var log = Create(manager, "lagged", ("min.compaction.lag.ms", "60000"));
        PutUnique(log, 0, 5);
        manager.RunCleaner().Should().BeEmpty();
        _time.Advance(TimeSpan.FromMilliseconds(60_001));
        manager.RunCleaner().Should().ContainSingle();
    }

    [Fact]
    public async Task A_dirty_segment_older_than_max_compaction_lag_ms_is_cleaned_whatever_the_ratio()
    {
        await using var manager = Start();
        var log = Create(manager, "overdue", ("min.cleanable.dirty.ratio", "0.9"), ("max.compaction.lag.ms", "60000"));
        PutUnique(log, 0, 10);
        manager.RunCleaner().Should().ContainSingle();
        PutUnique(log, 10, 1);
        manager.RunCleaner().Should().BeEmpty();
        _time.Advance(TimeSpan.FromMilliseconds(60_001));
        Candidate(log).MaxCompactionDelayMs.Should().BeGreaterThan(0);
        manager.RunCleaner().Should().ContainSingle();
    }

    [Fact]
    public async Task The_cleaner_checkpoint_survives_a_restart_and_logs_without_compaction_are_left_alone()
    {
        var tp = new TopicPartition("checkpointed", 0);
        await using (var manager = Start())
        {
            var log = Create(manager, tp.Topic);
            var plain = manager.GetOrCreateLog(new TopicPartition("plain", 0), Uuid.NewRandom(), LogConfig.Default);
            Compaction.Put(plain, [("a", "1"), ("a", "2")]);
            plain.Roll();
            plain.MaybeIncrementHighWatermark(plain.LogEndOffset);
            PutUnique(log, 0, 6);
            manager.RunCleaner().Select(s => s.TopicPartition).Should().Equal(tp);
            File.ReadAllLines(_dir.Combine("cleaner-offset-checkpoint")).Should().Equal("0", "1", "checkpointed 0 6");
            await manager.ShutdownAsync();
        }

        await using var restarted = Start(configs: _ => Compaction.Config());
        restarted.GetLog(tp)!.CleanerCheckpoint.Should().Be(6);
        restarted.RunCleaner().Select(s => s.TopicPartition.Topic).Should().Equal("plain");
    }

    [Fact]
    public async Task The_background_cleaner_cleans_after_its_backoff()
    {
        await using var manager = Start(new CleanerOptions { Backoff = TimeSpan.FromSeconds(15) });
        var log = Create(manager, "background");
        Compaction.Put(log, [("a", "1"), ("a", "2")]);
        log.Roll();
        log.MaybeIncrementHighWatermark(log.LogEndOffset);
        var cleaned = await Spool.Testing.Eventually.TrueAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromSeconds(15));
                return manager.CleanerRuns > 0;
            },
            TimeSpan.FromSeconds(30));
        cleaned.Should().BeTrue();
        LogRecords.ReadAll(log).Select(r => r.Value).Should().Equal("2");
    }

    [Fact]
    public async Task Deleting_a_log_stops_its_cleaning()
    {
        await using var manager = Start();
        var log = Create(manager, "doomed");
        PutUnique(log, 0, 10);
        manager.DeleteLog(log.TopicPartition).Should().BeTrue();
        manager.RunCleaner().Should().BeEmpty();
    }

    private LogManager Start(CleanerOptions? cleaner = null, Func<string, LogConfig>? configs = null)
    {
        var manager = new LogManager(new LogManagerOptions
        {
            LogDirs = [_dir.Path],
            TimeProvider = _time,
            Cleaner = cleaner ?? new CleanerOptions { Enabled = false },
            TopicConfigProvider = configs,
        });
        manager.Startup();
        return manager;
    }

    private static PartitionLog Create(LogManager manager, string topic, params (string Name, string Value)[] overrides) =>
        manager.GetOrCreateLog(new TopicPartition(topic, 0), Uuid.NewRandom(), Compaction.Config(overrides));

    /// <summary>Appends <paramref name="count"/> records with distinct keys, each in its own batch, then rolls (so all of it is cleanable).</summary>
    private void PutUnique(PartitionLog log, int from, int count)
    {
        Compaction.Put(log, Enumerable.Range(from, count).Select(i => ($"k{i}", (string?)"v")), _time.NowMs);
        log.Roll();
    }

    private CleaningCandidate Candidate(PartitionLog log) => CleaningCandidate.Evaluate(log, log.Config, _time.NowMs);
}
