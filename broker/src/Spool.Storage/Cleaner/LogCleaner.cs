using Spool.Protocol.Records;

namespace Spool.Storage;

/// <summary>
/// Picks and cleans compacted logs (Kafka's LogCleaner and LogCleanerManager): each pass cleans the log with the
/// highest cleanable ratio among those eligible, one thread per log at a time. A log whose data cannot be cleaned
/// (corrupt batch, missing codec) is marked uncleanable until restart, as Kafka does; an I/O error is retried.
/// </summary>
internal sealed class LogCleaner
{
    private readonly Lock _lock = new();
    private readonly Dictionary<PartitionLog, CleaningJob> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<PartitionLog> _aborted = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TopicPartition, string> _uncleanable = [];
    private readonly CleanerOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string>? _report;
    private int _cleanings;

    public LogCleaner(CleanerOptions options, TimeProvider time, Action<string>? report)
    {
        _options = options;
        _time = time;
        _report = report;
    }

    /// <summary>Logs cleaned so far.</summary>
    public int Cleanings => Volatile.Read(ref _cleanings);

    /// <summary>Partitions the cleaner gave up on, with the reason.</summary>
    public IReadOnlyDictionary<TopicPartition, string> Uncleanable
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<TopicPartition, string>(_uncleanable);
            }
        }
    }

    /// <summary>Cleans the filthiest eligible log of <paramref name="logs"/>; returns what it did, or null when no log needed cleaning.</summary>
    public CleanerStats? CleanFilthiest(IEnumerable<PartitionLog> logs, CancellationToken stopping)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        CleaningCandidate? best = null;
        foreach (var log in logs)
        {
            var config = log.Config;
            if (!config.CleanupPolicy.HasFlag(CleanupPolicy.Compact) || log.IsClosed || IsBusyOrExcluded(log))
            {
                continue;
            }

            CleaningCandidate candidate;
            try
            {
                candidate = CleaningCandidate.Evaluate(log, config, now);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
            {
                continue;
            }

            if (!candidate.View.Unavailable && candidate.IsEligible(config) && (best is null || candidate.CleanableRatio > best.CleanableRatio))
            {
                best = candidate;
            }
        }

        if (best is null)
        {
            return null;
        }

        CleaningJob job;
        lock (_lock)
        {
            if (_inProgress.ContainsKey(best.Log) || _aborted.Contains(best.Log))
            {
                return null;
            }

            job = new CleaningJob(stopping);
            _inProgress[best.Log] = job;
        }

        try
        {
            var stats = LogCompactor.Clean(best, _options, now, job.Token);
            Interlocked.Increment(ref _cleanings);
            _report?.Invoke(
                $"Cleaned log {stats.TopicPartition} up to offset {stats.EndOffset}: {stats.SegmentsRead} segment(s) and {stats.BytesRead} bytes read, " +
                $"{stats.SegmentsWritten} segment(s) and {stats.BytesWritten} bytes written, {stats.RecordsRemoved} of {stats.RecordsRead} records removed");
            return stats;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // Transient (or the log went away meanwhile): the next pass tries again.
            _report?.Invoke($"Cleaning {best.Log} failed: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or RecordFormatException or NotSupportedException or DllNotFoundException or OverflowException or ArgumentException)
        {
            lock (_lock)
            {
                _uncleanable[best.Log.TopicPartition] = e.Message;
            }

            _report?.Invoke($"Log {best.Log} is marked uncleanable until restart: {e.Message}");
            return null;
        }
        finally
        {
            lock (_lock)
            {
                _inProgress.Remove(best.Log);
                job.Dispose();
            }
        }
    }

    /// <summary>Stops any cleaning of <paramref name="log"/> and waits for it; the log is never cleaned again (it is being deleted).</summary>
    public void Abort(PartitionLog log)
    {
        Task finished;
        lock (_lock)
        {
            _aborted.Add(log);
            _uncleanable.Remove(log.TopicPartition);
            if (!_inProgress.TryGetValue(log, out var job))
            {
                return;
            }

            // Under the lock: the job is disposed only once it left _inProgress.
            job.Cancel();
            finished = job.Finished;
        }

        finished.GetAwaiter().GetResult();
    }

    private bool IsBusyOrExcluded(PartitionLog log)
    {
        lock (_lock)
        {
            return _inProgress.ContainsKey(log) || _aborted.Contains(log) || _uncleanable.ContainsKey(log.TopicPartition);
        }
    }

    /// <summary>One log being cleaned: cancelled by shutdown or by <see cref="Abort"/>, which waits for <see cref="Finished"/>.</summary>
    private sealed class CleaningJob(CancellationToken stopping) : IDisposable
    {
        private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Token => _cancel.Token;

        public Task Finished => _finished.Task;

        public void Cancel() => _cancel.Cancel();

        public void Dispose()
        {
            _finished.TrySetResult();
            _cancel.Dispose();
        }
    }
}
