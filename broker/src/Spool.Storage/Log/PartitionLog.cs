using Spool.Protocol;

namespace Spool.Storage;

/// <summary>
/// The log of one partition: a directory of segments with offset and time indexes, a leader epoch cache and the
/// partition's offsets (log start, high watermark, log end, recovery point).
/// </summary>
/// <remarks>
/// Appends, rolls, truncation and retention are serialized by one lock. Reads take no lock: they snapshot the log
/// end offset (published after the bytes are written) and only ever return whole batches below it; a truncation
/// generation (a seqlock) makes a read that overlapped a truncation retry.
/// </remarks>
public sealed partial class PartitionLog : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly StorageResources _resources;
    private readonly LeaderEpochCache _epochs;
    private readonly Action<string>? _logMessage;
    private readonly List<(LogSegment Segment, long DueMs)> _pendingDeletes = [];
    private readonly long _producerIdExpirationMs;
    private LogSegment[] _segments = [];
    private LogConfig _config;
    private long _logEndOffset;
    private long _logStartOffset;
    private long _highWatermark;
    private long _recoveryPoint;
    private int _generation;
    private long _unflushedMessages;
    private long _lastFlushMs;
    private bool _closed;
    private bool _failed;
    private Task _backgroundFlush = Task.CompletedTask;

    private PartitionLog(string directory, TopicPartition topicPartition, Uuid topicId, LogConfig config, LogOpenOptions options, StorageResources resources)
    {
        Directory = directory;
        TopicPartition = topicPartition;
        TopicId = topicId;
        _config = config;
        _time = options.TimeProvider;
        _resources = resources;
        _logMessage = options.Log;
        _producerIdExpirationMs = options.ProducerIdExpirationMs;
        _cleanerCheckpoint = options.CleanerCheckpoint ?? -1;
        _epochs = LeaderEpochCache.Load(directory);
        _lastFlushMs = NowMs();
    }

    /// <summary>Raised after batches were appended (the log end offset moved); runs on the appending thread.</summary>
    public event Action<PartitionLog>? Appended;

    /// <summary>Raised when the high watermark moves forward (what consumers' long-poll fetches wait for).</summary>
    public event Action<PartitionLog>? HighWatermarkAdvanced;

    /// <summary>Raised when DeleteRecords moved the log start offset (so it can be checkpointed at once).</summary>
    public event Action<PartitionLog>? LogStartOffsetChanged;

    public string Directory { get; }

    public TopicPartition TopicPartition { get; }

    public Uuid TopicId { get; }

    /// <summary>The topic config; replace it (AlterConfigs) with a new immutable <see cref="LogConfig"/>.</summary>
    public LogConfig Config
    {
        get => Volatile.Read(ref _config);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref _config, value);
        }
    }

    public long LogStartOffset => Volatile.Read(ref _logStartOffset);

    /// <summary>The offset the next appended record gets (LEO).</summary>
    public long LogEndOffset => Volatile.Read(ref _logEndOffset);

    public long HighWatermark => Volatile.Read(ref _highWatermark);

    /// <summary>Everything below this offset has been fsynced.</summary>
    public long RecoveryPoint => Volatile.Read(ref _recoveryPoint);

    /// <summary>Bytes in all segments.</summary>
    public long Size
    {
        get
        {
            long total = 0;
            foreach (var segment in Volatile.Read(ref _segments))
            {
                total += segment.Size;
            }

            return total;
        }
    }

    public int SegmentCount => Volatile.Read(ref _segments).Length;

    /// <summary>Base offsets of the segments, oldest first.</summary>
    public IReadOnlyList<long> SegmentBaseOffsets => Volatile.Read(ref _segments).Select(s => s.BaseOffset).ToArray();

    public int? LatestEpoch => _epochs.LatestEpoch;

    public IReadOnlyList<EpochEntry> EpochEntries => _epochs.Entries;

    /// <summary>Records appended since the last flush.</summary>
    public long UnflushedMessages => Volatile.Read(ref _unflushedMessages);

    internal long LastFlushMs => Volatile.Read(ref _lastFlushMs);

    internal bool IsClosed => Volatile.Read(ref _closed);

    /// <summary>Sets the high watermark (clamped to [log start, LEO]); it may move back (truncation, leader change).</summary>
    public void UpdateHighWatermark(long highWatermark)
    {
        bool advanced;
        lock (_lock)
        {
            var clamped = Math.Clamp(highWatermark, _logStartOffset, _logEndOffset);
            advanced = clamped > _highWatermark;
            Volatile.Write(ref _highWatermark, clamped);
        }

        if (advanced)
        {
            HighWatermarkAdvanced?.Invoke(this);
        }
    }

    /// <summary>Moves the high watermark forward only (a single node calls it with the LEO after each append).</summary>
    public bool MaybeIncrementHighWatermark(long highWatermark)
    {
        lock (_lock)
        {
            var clamped = Math.Min(highWatermark, _logEndOffset);
            if (clamped <= _highWatermark)
            {
                return false;
            }

            Volatile.Write(ref _highWatermark, clamped);
        }

        HighWatermarkAdvanced?.Invoke(this);
        return true;
    }

    /// <summary>OffsetForLeaderEpoch: the end offset of <paramref name="leaderEpoch"/> (Kafka's semantics).</summary>
    public EpochEndOffset EndOffsetForEpoch(int leaderEpoch) => _epochs.EndOffsetFor(leaderEpoch, LogEndOffset);

    /// <summary>The epoch of the leader that appended <paramref name="offset"/>, or -1.</summary>
    public int EpochForOffset(long offset) => _epochs.EpochForOffset(offset);

    /// <summary>
    /// Clean close: waits for background flushes, writes the active segment's indexes, fsyncs everything, and
    /// deletes segments whose deletion was delayed. The recovery point becomes the log end offset.
    /// </summary>
    public void Close()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }
        }

        WaitForBackgroundFlush();
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            var segments = _segments;
            if (!_failed)
            {
                segments[^1].Deactivate();
                foreach (var segment in segments)
                {
                    if (segment.BaseOffset >= SegmentBaseAtOrBelow(segments, _recoveryPoint))
                    {
                        segment.Flush();
                    }
                }

                Volatile.Write(ref _recoveryPoint, _logEndOffset);
                TakeProducerSnapshotLocked(_logEndOffset, fsync: true);
            }

            foreach (var segment in segments)
            {
                segment.Close();
            }

            DeletePendingLocked(long.MaxValue);
        }
    }

    /// <summary>Releases the log's files without the clean-shutdown work (after <see cref="Close"/> it does nothing more).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            foreach (var segment in _segments)
            {
                segment.Close();
            }
        }
    }

    public override string ToString() => TopicPartition.ToString();

    internal void RaiseLogStartOffsetChanged() => LogStartOffsetChanged?.Invoke(this);

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Warn(string message) => _logMessage?.Invoke($"[{TopicPartition}] {message}");

    /// <summary>Index of the last segment whose base offset is &lt;= <paramref name="offset"/>, or -1.</summary>
    internal static int FloorSegment(LogSegment[] segments, long offset)
    {
        int lo = 0, hi = segments.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (segments[mid].BaseOffset <= offset)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private static long SegmentBaseAtOrBelow(LogSegment[] segments, long offset)
    {
        var index = FloorSegment(segments, offset);
        return index < 0 ? long.MinValue : segments[index].BaseOffset;
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_closed, this);
}
