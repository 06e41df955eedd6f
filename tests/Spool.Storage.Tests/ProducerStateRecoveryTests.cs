using Spool.Protocol;

namespace Spool.Storage.Tests;

/// <summary>Producer state across restarts (snapshots, replay of the log), retention and expiration.</summary>
public sealed class ProducerStateRecoveryTests : IDisposable
{
    private const long Producer = 7;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_clean_restart_loads_the_snapshot_taken_at_close()
    {
        var config = SmallSegments();
        long lastFirst;
        using (var log = LogFixture.Open(_dir, config))
        {
            for (var i = 0; i < 10; i++)
            {
                Append(log, i);
            }

            lastFirst = log.LogEndOffset - 2;
            log.Close();
            File.Exists(Path.Combine(log.Directory, $"{log.LogEndOffset:D20}.snapshot")).Should().BeTrue("a clean close snapshots the state at the log end");
        }

        using var reopened = LogFixture.Open(_dir, config, options: new LogOpenOptions { HadCleanShutdown = true });
        AssertContinues(reopened, next: 10, lastFirst);
    }

    [Fact]
    public void After_a_crash_the_state_is_rebuilt_from_the_latest_snapshot_and_the_recovered_log()
    {
        var config = SmallSegments();
        string directory;
        using (var log = LogFixture.Open(_dir, config))
        {
            for (var i = 0; i < 10; i++)
            {
                Append(log, i);
            }

            directory = log.Directory;
            log.SegmentCount.Should().BeGreaterThan(2);
            ProducerSnapshotFile.List(directory).Should().NotBeEmpty("every roll snapshots the producer state");
            ProducerSnapshotFile.List(directory).Should().NotContain(log.LogEndOffset);
        }

        // A crash in the middle of the next batch: a torn tail the recovery cuts off.
        var active = Directory.GetFiles(directory, "*.log").Order(StringComparer.Ordinal).Last();
        using (var file = new FileStream(active, FileMode.Append))
        {
            file.Write(IdempotentBatch.Create(Producer, 0, 20, count: 2).AsSpan(0, 70));
        }

        using var reopened = LogFixture.Open(_dir, config, options: new LogOpenOptions { RecoveryPoint = 0 });
        reopened.LogEndOffset.Should().Be(20);
        AssertContinues(reopened, next: 10, lastFirst: 18);
        ProducerSnapshotFile.List(directory).Should().Contain(20, "after replaying the log a snapshot at the log end saves the next start the work");
    }

    [Fact]
    public void Without_usable_snapshots_the_whole_log_is_replayed()
    {
        var config = SmallSegments();
        string directory;
        using (var log = LogFixture.Open(_dir, config))
        {
            for (var i = 0; i < 10; i++)
            {
                Append(log, i);
            }

            log.Close();
            directory = log.Directory;
        }

        var snapshots = ProducerSnapshotFile.List(directory);
        File.WriteAllBytes(ProducerSnapshotFile.PathFor(directory, snapshots[^1]), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        foreach (var offset in snapshots.SkipLast(1))
        {
            File.Delete(ProducerSnapshotFile.PathFor(directory, offset));
        }

        using var reopened = LogFixture.Open(_dir, config, options: new LogOpenOptions { HadCleanShutdown = true });
        AssertContinues(reopened, next: 10, lastFirst: 18);
    }

    [Fact]
    public void Snapshots_hold_the_last_five_batches_so_older_retries_are_recognised_after_a_restart()
    {
        var config = SmallSegments();
        using (var log = LogFixture.Open(_dir, config))
        {
            for (var i = 0; i < 10; i++)
            {
                Append(log, i);
            }

            log.Close();
        }

        using var reopened = LogFixture.Open(_dir, config, options: new LogOpenOptions { HadCleanShutdown = true });
        var retry = reopened.AppendAsLeader(IdempotentBatch.Create(Producer, 0, 10, count: 2), 0); // the fifth batch back
        retry.IsDuplicate.Should().BeTrue();
        retry.FirstOffset.Should().Be(10);
    }

    [Fact]
    public void Idle_producers_expire_after_producer_id_expiration_ms()
    {
        var time = new FakeTimeProvider();
        using var log = LogFixture.Open(_dir, time: time, options: new LogOpenOptions { ProducerIdExpirationMs = 60_000 });
        log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, 0, timestamp: time.NowMs), 0).IsSuccess.Should().BeTrue();

        time.Advance(TimeSpan.FromMilliseconds(59_999));
        log.RemoveExpiredProducers().Should().Be(0);
        time.Advance(TimeSpan.FromMilliseconds(1));
        log.RemoveExpiredProducers().Should().Be(1);
        log.ActiveProducers.Should().BeEmpty();

        // Forgotten, the producer is unknown again: any sequence is accepted.
        log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, 9, timestamp: time.NowMs), 0).Error.Should().Be(ErrorCode.None);
    }

    [Fact]
    public async Task The_log_manager_expires_producers_on_its_schedule()
    {
        var time = new FakeTimeProvider();
        await using var manager = new LogManager(new LogManagerOptions
        {
            LogDirs = [_dir.Path],
            TimeProvider = time,
            ProducerIdExpirationMs = 1_000,
            ProducerIdExpirationCheckInterval = TimeSpan.FromSeconds(10),
            Cleaner = new CleanerOptions { Enabled = false },
        });
        manager.Startup();
        var log = manager.GetOrCreateLog(new TopicPartition("expiring", 0), Uuid.NewRandom(), LogConfig.Default);
        log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, 0, timestamp: time.NowMs), 0).IsSuccess.Should().BeTrue();
        time.Advance(TimeSpan.FromSeconds(10));
        (await Spool.Testing.Eventually.TrueAsync(() => log.ActiveProducers.Count == 0, TimeSpan.FromSeconds(30))).Should().BeTrue();
    }

    [Fact]
    public void Producers_whose_batches_all_fell_below_the_log_start_are_forgotten()
    {
        using var log = LogFixture.Open(_dir, SmallSegments());
        log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, 0, count: 2), 0).IsSuccess.Should().BeTrue();
        log.AppendAsLeader(IdempotentBatch.Create(Producer + 1, 0, 0, count: 2), 0).IsSuccess.Should().BeTrue();
        log.MaybeIncrementHighWatermark(log.LogEndOffset);

        log.DeleteRecordsBefore(2).Error.Should().Be(ErrorCode.None);
        log.ActiveProducers.Select(p => p.ProducerId).Should().Equal(Producer + 1);
        log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, 77), 0).Error.Should().Be(ErrorCode.None, "a forgotten producer starts over (KIP-360)");
    }

    [Fact]
    public void Truncation_rebuilds_the_state_as_of_the_new_log_end()
    {
        using var log = LogFixture.Open(_dir, SmallSegments());
        for (var i = 0; i < 6; i++)
        {
            Append(log, i);
        }

        log.TruncateTo(7); // inside the fourth batch (offsets 6-7): it goes too
        log.LogEndOffset.Should().Be(6);
        log.ActiveProducers.Single().LastSequence.Should().Be(5);
        Append(log, 3).FirstOffset.Should().Be(6);
    }

    private static LogConfig SmallSegments() =>
        LogFixture.Config(("segment.bytes", (IdempotentBatch.Create(Producer, 0, 0, count: 2).Length * 3).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Batch <paramref name="i"/> of the producer: two records, sequences 2i and 2i + 1.</summary>
    private static LogAppendResult Append(PartitionLog log, int i)
    {
        var result = log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, i * 2, count: 2), 0);
        result.Error.Should().Be(ErrorCode.None, result.ErrorMessage);
        return result;
    }

    /// <summary>The producer's last batch is recognised as a retry, a gap is refused and batch <paramref name="next"/> is appended.</summary>
    private static void AssertContinues(PartitionLog log, int next, long lastFirst)
    {
        var retry = log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, (next - 1) * 2, count: 2), 0);
        retry.IsDuplicate.Should().BeTrue();
        retry.FirstOffset.Should().Be(lastFirst);
        log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, (next * 2) + 1), 0).Error.Should().Be(ErrorCode.OutOfOrderSequenceNumber);
        var end = log.LogEndOffset;
        Append(log, next).FirstOffset.Should().Be(end);
    }
}
