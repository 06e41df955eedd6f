namespace Spool.Storage;

public sealed partial class LogManager
{
    private readonly LogCleaner _cleaner;

    /// <summary>Logs compacted so far (lets tests wait for the background cleaner without timing assumptions).</summary>
    public int CleanerRuns => _cleaner.Cleanings;

    /// <summary>Partitions the cleaner gave up on until restart, with the reason (Kafka's uncleanable partitions).</summary>
    public IReadOnlyDictionary<TopicPartition, string> UncleanablePartitions => _cleaner.Uncleanable;

    /// <summary>
    /// Cleans, now and on the calling thread, every compacted log that is eligible (filthiest first) until none is;
    /// what the background cleaner threads do over time. Returns what each cleaning did.
    /// </summary>
    public IReadOnlyList<CleanerStats> RunCleaner()
    {
        var results = new List<CleanerStats>();
        for (var i = 0; i <= _logs.Count; i++)
        {
            if (CleanOnce(_stopping.Token) is not { } stats)
            {
                break;
            }

            results.Add(stats);
        }

        return results;
    }

    /// <summary>Forgets producers idle for producer.id.expiration.ms in every log (the expiration scheduler's pass).</summary>
    public int RemoveExpiredProducers()
    {
        var removed = 0;
        foreach (var log in _logs.Values)
        {
            removed += log.RemoveExpiredProducers();
        }

        return removed;
    }

    private CleanerStats? CleanOnce(CancellationToken token)
    {
        var stats = _cleaner.CleanFilthiest(_logs.Values, token);
        if (stats is not null && _logs.TryGetValue(stats.TopicPartition, out var log))
        {
            var dir = Path.GetDirectoryName(log.Directory)!;
            try
            {
                WriteCleanerCheckpoints(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report($"Checkpointing cleaner offsets in {dir} failed: {e.Message}");
            }
        }

        return stats;
    }

    /// <summary>One cleaner thread: cleans while some log needs it, then waits log.cleaner.backoff.ms.</summary>
    private async Task RunCleanerThreadAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            CleanerStats? stats = null;
            try
            {
                stats = CleanOnce(token);
            }
            catch (Exception e)
            {
                Report($"The log cleaner failed: {e}");
            }

            if (stats is not null)
            {
                continue;
            }

            try
            {
                await Task.Delay(_options.Cleaner.Backoff, _options.TimeProvider, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>cleaner-offset-checkpoint: the offset each log has been compacted up to (logs never compacted are left out).</summary>
    private void WriteCleanerCheckpoints(string dir)
    {
        lock (_checkpointLock)
        {
            CheckpointFile.WriteOffsets(
                Path.Combine(dir, LogFileNames.CleanerOffsetCheckpoint),
                LogsIn(dir).Where(l => l.CleanerCheckpoint >= 0).Select(l => KeyValuePair.Create(l.TopicPartition, l.CleanerCheckpoint)).ToList());
        }
    }
}
