namespace Spool.Storage;

public sealed partial class LogManager
{
    private int _retentionRuns;

    /// <summary>One retention pass over every log (what the log.retention.check.interval.ms scheduler runs); returns segments deleted.</summary>
    public int RunRetention()
    {
        var deleted = 0;
        foreach (var log in _logs.Values)
        {
            try
            {
                deleted += log.DeleteOldSegments();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                Report($"Retention of {log} failed: {e.Message}");
            }
        }

        Interlocked.Increment(ref _retentionRuns);
        return deleted;
    }

    /// <summary>Flushes the logs whose flush.ms has passed (the flush scheduler's pass).</summary>
    public void FlushDueLogs()
    {
        foreach (var log in _logs.Values)
        {
            try
            {
                log.FlushIfDue();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                Report($"Flush of {log} failed: {e.Message}");
            }
        }
    }

    /// <summary>Writes the recovery-point, log-start-offset and high-watermark checkpoints of every log dir.</summary>
    public void CheckpointAll()
    {
        foreach (var dir in LogDirs)
        {
            TryCheckpoint(dir);
        }
    }

    private void StartSchedulers()
    {
        var token = _stopping.Token;
        _schedulers.Add(RunPeriodicallyAsync(_options.RetentionCheckInterval, () => RunRetention(), token));
        _schedulers.Add(RunPeriodicallyAsync(_options.FlushCheckInterval, FlushDueLogs, token));
        _schedulers.Add(RunPeriodicallyAsync(_options.RecoveryPointCheckpointInterval, () => ForEachDir(WriteRecoveryPoints), token));
        _schedulers.Add(RunPeriodicallyAsync(_options.LogStartOffsetCheckpointInterval, () => ForEachDir(WriteLogStartOffsets), token));
        _schedulers.Add(RunPeriodicallyAsync(_options.HighWatermarkCheckpointInterval, () => ForEachDir(WriteHighWatermarks), token));
        _schedulers.Add(RunPeriodicallyAsync(_options.ProducerIdExpirationCheckInterval, () => RemoveExpiredProducers(), token));
        if (_options.Cleaner.Enabled)
        {
            for (var i = 0; i < _options.Cleaner.Threads; i++)
            {
                _schedulers.Add(Task.Run(() => RunCleanerThreadAsync(token), CancellationToken.None));
            }
        }
    }

    private async Task RunPeriodicallyAsync(TimeSpan interval, Action action, CancellationToken token)
    {
        using var timer = new PeriodicTimer(interval, _options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                try
                {
                    action();
                }
                catch (Exception e)
                {
                    Report($"Background storage task failed: {e}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ForEachDir(Action<string> write)
    {
        foreach (var dir in LogDirs)
        {
            try
            {
                write(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report($"Checkpoint in {dir} failed: {e.Message}");
            }
        }
    }

    private void TryCheckpoint(string dir)
    {
        try
        {
            WriteCheckpoints(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report($"Checkpoint in {dir} failed: {e.Message}");
        }
    }

    private void WriteCheckpoints(string dir)
    {
        WriteRecoveryPoints(dir);
        WriteLogStartOffsets(dir);
        WriteHighWatermarks(dir);
        WriteCleanerCheckpoints(dir);
    }

    private IEnumerable<PartitionLog> LogsIn(string dir) =>
        _logs.Values.Where(l => string.Equals(Path.GetDirectoryName(l.Directory), dir, StringComparison.Ordinal));

    private void WriteRecoveryPoints(string dir) => WriteOffsets(dir, LogFileNames.RecoveryPointCheckpoint, l => l.RecoveryPoint);

    private void WriteLogStartOffsets(string dir) => WriteOffsets(dir, LogFileNames.LogStartOffsetCheckpoint, l => l.LogStartOffset);

    private void WriteHighWatermarks(string dir) => WriteOffsets(dir, LogFileNames.ReplicationOffsetCheckpoint, l => l.HighWatermark);

    private void WriteOffsets(string dir, string fileName, Func<PartitionLog, long> offset)
    {
        // Schedulers, DeleteRecords and shutdown may write the same file at once: one writer at a time.
        lock (_checkpointLock)
        {
            CheckpointFile.WriteOffsets(
                Path.Combine(dir, fileName),
                LogsIn(dir).Select(l => KeyValuePair.Create(l.TopicPartition, offset(l))).ToList());
        }
    }
}
