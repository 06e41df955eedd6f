using System.Collections.Concurrent;
using Spool.Protocol;

namespace Spool.Storage;

/// <summary>
/// All partition logs of a broker across its <c>log.dirs</c>: loads (and recovers) them at startup, creates logs in
/// the dir with the fewest partitions, deletes logs in the background, describes the dirs, runs retention, flush and
/// checkpoint schedulers on a <see cref="TimeProvider"/>, and shuts down cleanly (flush, checkpoints, marker).
/// </summary>
public sealed partial class LogManager : IAsyncDisposable
{
    private readonly LogManagerOptions _options;
    private readonly ConcurrentDictionary<TopicPartition, PartitionLog> _logs = new();
    private readonly Lock _createLock = new();
    private readonly Lock _checkpointLock = new();
    private readonly List<FileStream> _dirLocks = [];
    private readonly ConcurrentDictionary<Task, byte> _deletions = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _schedulers = [];
    private int _state; // 0 new, 1 started, 2 stopped

    public LogManager(LogManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.LogDirs.Count == 0)
        {
            throw new ArgumentException("At least one log dir is required", nameof(options));
        }

        _options = options;
        LogDirs = options.LogDirs.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToArray();
        Resources = new StorageResources(options.MaxOpenSegmentHandles, options.MaxLoadedIndexes);
        _cleaner = new LogCleaner(options.Cleaner, options.TimeProvider, options.Log);
    }

    /// <summary>Raised after any log appended batches.</summary>
    public event Action<PartitionLog>? Appended;

    /// <summary>Raised when any log's high watermark moved forward.</summary>
    public event Action<PartitionLog>? HighWatermarkAdvanced;

    public IReadOnlyList<string> LogDirs { get; }

    public StorageResources Resources { get; }

    /// <summary>Topic config defaults from the broker's properties (for configs of new topics).</summary>
    public LogDefaults Defaults => _options.Defaults;

    public IReadOnlyCollection<PartitionLog> Logs => _logs.Values.ToArray();

    /// <summary>Completed retention passes (lets tests wait for the scheduler without timing assumptions).</summary>
    public int RetentionRuns => Volatile.Read(ref _retentionRuns);

    /// <summary>
    /// Locks the log dirs, loads every partition directory (recovering after an unclean shutdown, in parallel),
    /// resumes deletions left by a previous run, and starts the background schedulers.
    /// </summary>
    public void Startup()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The log manager was already started");
        }

        foreach (var dir in LogDirs)
        {
            Directory.CreateDirectory(dir);
            _dirLocks.Add(LockDir(dir));
        }

        foreach (var dir in LogDirs)
        {
            LoadDir(dir);
        }

        StartSchedulers();
    }

    public PartitionLog? GetLog(TopicPartition topicPartition) => _logs.GetValueOrDefault(topicPartition);

    public bool TryGetLog(TopicPartition topicPartition, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PartitionLog? log) =>
        _logs.TryGetValue(topicPartition, out log);

    /// <summary>
    /// The log of <paramref name="topicPartition"/>, created in the log dir with the fewest partitions when missing
    /// (an existing log keeps its config unless <see cref="UpdateConfig"/> is called).
    /// </summary>
    public PartitionLog GetOrCreateLog(TopicPartition topicPartition, Uuid topicId, LogConfig config)
    {
        if (_logs.TryGetValue(topicPartition, out var existing))
        {
            return existing;
        }

        lock (_createLock)
        {
            if (_logs.TryGetValue(topicPartition, out existing))
            {
                return existing;
            }

            if (Volatile.Read(ref _state) != 1)
            {
                throw new InvalidOperationException("The log manager is not running");
            }

            var counts = LogDirs.ToDictionary(d => d, _ => 0, StringComparer.Ordinal);
            foreach (var log in _logs.Values)
            {
                var parent = Path.GetDirectoryName(log.Directory)!;
                if (counts.TryGetValue(parent, out var count))
                {
                    counts[parent] = count + 1;
                }
            }

            var dir = LogDirs.OrderBy(d => counts[d]).First();
            // A directory left behind by an earlier run is scanned in full rather than trusted.
            var created = OpenLog(Path.Combine(dir, topicPartition.ToString()), config, new LogOpenOptions { TopicId = topicId });
            _logs[topicPartition] = created;
            return created;
        }
    }

    /// <summary>
    /// Removes a log: it is closed, its directory renamed to <c>&lt;topic&gt;-&lt;partition&gt;.&lt;uuid&gt;-delete</c> at once and
    /// removed in the background, as Kafka does. False when there is no such log.
    /// </summary>
    public bool DeleteLog(TopicPartition topicPartition)
    {
        PartitionLog? log;
        lock (_createLock)
        {
            if (!_logs.TryRemove(topicPartition, out log))
            {
                return false;
            }
        }

        log.Appended -= OnAppended;
        log.HighWatermarkAdvanced -= OnHighWatermarkAdvanced;
        log.LogStartOffsetChanged -= OnLogStartOffsetChanged;
        _cleaner.Abort(log);
        log.WaitForBackgroundFlush();
        log.Dispose();
        var parent = Path.GetDirectoryName(log.Directory)!;
        var renamed = Path.Combine(parent, $"{topicPartition}.{Guid.NewGuid():N}{LogFileNames.DeleteDirSuffix}");
        Directory.Move(log.Directory, renamed);
        ScheduleDirectoryDeletion(renamed);
        TryCheckpoint(parent);
        return true;
    }

    /// <summary>Applies a new config to every partition of <paramref name="topic"/>.</summary>
    public void UpdateConfig(string topic, LogConfig config)
    {
        foreach (var (topicPartition, log) in _logs)
        {
            if (topicPartition.Topic == topic)
            {
                log.Config = config;
            }
        }
    }

    /// <summary>Every log dir with total and usable bytes of its file system and its partitions' sizes.</summary>
    public IReadOnlyList<LogDirDescription> DescribeLogDirs()
    {
        var result = new List<LogDirDescription>(LogDirs.Count);
        foreach (var dir in LogDirs)
        {
            var partitions = _logs.Values
                .Where(l => string.Equals(Path.GetDirectoryName(l.Directory), dir, StringComparison.Ordinal))
                .Select(l => new LogDirPartition(l.TopicPartition, l.Size, 0, false))
                .OrderBy(p => p.TopicPartition.Topic, StringComparer.Ordinal)
                .ThenBy(p => p.TopicPartition.Partition)
                .ToList();
            try
            {
                var drive = new DriveInfo(dir);
                result.Add(new LogDirDescription(dir, ErrorCode.None, drive.TotalSize, drive.AvailableFreeSpace, partitions));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                result.Add(new LogDirDescription(dir, ErrorCode.KafkaStorageError, -1, -1, partitions));
            }
        }

        return result;
    }

    /// <summary>Waits until background directory deletions have finished.</summary>
    public Task WhenDeletionsCompleteAsync() => Task.WhenAll(_deletions.Keys);

    /// <summary>
    /// Clean shutdown: stops the schedulers, closes every log (active indexes written, everything fsynced), writes
    /// the recovery-point, log-start-offset and high-watermark checkpoints and the clean-shutdown marker per dir.
    /// </summary>
    public async Task ShutdownAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_schedulers);
        var failedDirs = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        Parallel.ForEach(
            _logs.Values,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.RecoveryThreadsPerDataDir * LogDirs.Count) },
            log =>
            {
                try
                {
                    log.Close();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failedDirs[Path.GetDirectoryName(log.Directory)!] = 0;
                    Report($"Closing {log} failed: {e.Message}");
                }
            });

        foreach (var dir in LogDirs)
        {
            try
            {
                WriteCheckpoints(dir);
                if (!failedDirs.ContainsKey(dir))
                {
                    CheckpointFile.WriteAtomically(Path.Combine(dir, LogFileNames.CleanShutdownMarker), "{\"version\":0,\"brokerEpoch\":-1}"u8);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report($"Writing checkpoints in {dir} failed: {e.Message}");
            }
        }

        await WhenDeletionsCompleteAsync();
        foreach (var dirLock in _dirLocks)
        {
            await dirLock.DisposeAsync();
        }

        _dirLocks.Clear();
        _logs.Clear();
        Resources.Handles.Clear();
        Resources.Indexes.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync();
        _stopping.Dispose();
    }

    private static FileStream LockDir(string dir)
    {
        var path = Path.Combine(dir, LogFileNames.LockFile);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"Log dir {dir} is in use by another process (could not lock {path})", e);
        }
    }

    private void LoadDir(string dir)
    {
        var marker = Path.Combine(dir, LogFileNames.CleanShutdownMarker);
        var clean = File.Exists(marker);
        var recoveryPoints = CheckpointFile.ReadOffsets(Path.Combine(dir, LogFileNames.RecoveryPointCheckpoint));
        var logStarts = CheckpointFile.ReadOffsets(Path.Combine(dir, LogFileNames.LogStartOffsetCheckpoint));
        var highWatermarks = CheckpointFile.ReadOffsets(Path.Combine(dir, LogFileNames.ReplicationOffsetCheckpoint));
        var cleanerCheckpoints = CheckpointFile.ReadOffsets(Path.Combine(dir, LogFileNames.CleanerOffsetCheckpoint));
        var partitionDirs = new List<(string Path, TopicPartition TopicPartition)>();
        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            var name = Path.GetFileName(sub);
            if (name.EndsWith(LogFileNames.DeleteDirSuffix, StringComparison.Ordinal))
            {
                ScheduleDirectoryDeletion(sub);
            }
            else if (name.EndsWith(LogFileNames.FutureDirSuffix, StringComparison.Ordinal) || name.EndsWith(LogFileNames.StrayDirSuffix, StringComparison.Ordinal))
            {
                Report($"Ignoring {sub}: future and stray replicas are not supported");
            }
            else if (TopicPartition.TryParseDirectoryName(name, out var topicPartition))
            {
                partitionDirs.Add((sub, topicPartition));
            }
        }

        var errors = new ConcurrentQueue<Exception>();
        Parallel.ForEach(
            partitionDirs,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.RecoveryThreadsPerDataDir) },
            entry =>
            {
                try
                {
                    var config = _options.TopicConfigProvider?.Invoke(entry.TopicPartition.Topic) ?? LogConfig.Create(new Dictionary<string, string?>(), _options.Defaults);
                    var log = OpenLog(entry.Path, config, new LogOpenOptions
                    {
                        HadCleanShutdown = clean,
                        RecoveryPoint = recoveryPoints.TryGetValue(entry.TopicPartition, out var rp) ? rp : null,
                        LogStartOffset = logStarts.TryGetValue(entry.TopicPartition, out var ls) ? ls : null,
                        HighWatermark = highWatermarks.TryGetValue(entry.TopicPartition, out var hw) ? hw : null,
                        CleanerCheckpoint = cleanerCheckpoints.TryGetValue(entry.TopicPartition, out var cc) ? cc : null,
                    });
                    if (!_logs.TryAdd(entry.TopicPartition, log))
                    {
                        log.Dispose();
                        throw new InvalidDataException($"Partition {entry.TopicPartition} exists in more than one log dir ({entry.Path})");
                    }
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }
            });
        if (!errors.IsEmpty)
        {
            throw new AggregateException($"Loading the logs in {dir} failed", errors);
        }

        // The marker is only valid for the run that wrote it: from now on a crash is unclean again.
        File.Delete(marker);
        WriteCheckpoints(dir);
        if (!clean && partitionDirs.Count > 0)
        {
            Report($"Loaded {partitionDirs.Count} log(s) from {dir} after an unclean shutdown");
        }
    }

    private PartitionLog OpenLog(string path, LogConfig config, LogOpenOptions options)
    {
        var log = PartitionLog.Open(path, config, options with
        {
            TimeProvider = _options.TimeProvider,
            Resources = Resources,
            Log = _options.Log,
            ProducerIdExpirationMs = _options.ProducerIdExpirationMs,
        });
        log.Appended += OnAppended;
        log.HighWatermarkAdvanced += OnHighWatermarkAdvanced;
        log.LogStartOffsetChanged += OnLogStartOffsetChanged;
        return log;
    }

    private void OnAppended(PartitionLog log) => Appended?.Invoke(log);

    private void OnHighWatermarkAdvanced(PartitionLog log) => HighWatermarkAdvanced?.Invoke(log);

    private void OnLogStartOffsetChanged(PartitionLog log)
    {
        var dir = Path.GetDirectoryName(log.Directory)!;
        try
        {
            WriteLogStartOffsets(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report($"Checkpointing log start offsets in {dir} failed: {e.Message}");
        }
    }

    private void ScheduleDirectoryDeletion(string path)
    {
        var task = Task.Run(() =>
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report($"Deleting {path} failed: {e.Message}");
            }
        });
        _deletions[task] = 0;
        task.ContinueWith(t => _deletions.TryRemove(t, out _), TaskScheduler.Default);
    }

    private void Report(string message) => _options.Log?.Invoke(message);
}
