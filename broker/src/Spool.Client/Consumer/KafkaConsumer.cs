using Microsoft.Extensions.Logging;
using Spool.Client.Consumer.Groups;
using Spool.Client.Internal;
using Spool.Protocol;

namespace Spool.Client.Consumer;

/// <summary>
/// Consumes records like Java's <c>KafkaConsumer</c>, either of partitions the application assigns
/// (<see cref="Assign"/>) or as a member of a consumer group (<see cref="Subscribe"/>, classic group protocol):
/// seek, poll, pause, positions, offset look-ups, committed offsets as starting positions, manual and
/// automatic commits. Not safe for concurrent polls, like the Java consumer.
/// </summary>
public sealed partial class KafkaConsumer : IAsyncDisposable
{
    private readonly KafkaClientCore _core;
    private readonly ConsumerOptions _options;
    private readonly SubscriptionState _subscriptions = new();
    private readonly Fetcher _fetcher;
    private readonly CancellationTokenSource _lifetime = new();
    private int _polling;
    private long _nextAutoCommit;
    private Task _autoCommit = Task.CompletedTask;
    private bool _disposed;
    private GroupMembership? _group;

    public KafkaConsumer(ConsumerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _core = new KafkaClientCore(options, "Spool.Client.Consumer", options.AllowAutoCreateTopics);
        _fetcher = new Fetcher(_core, options, _subscriptions, _lifetime.Token);
        _nextAutoCommit = Environment.TickCount64 + (long)options.AutoCommitInterval.TotalMilliseconds;
    }

    public IReadOnlyCollection<TopicPartition> Assignment => _subscriptions.Assigned;

    /// <summary>
    /// Replaces the assigned partitions. Partitions kept keep their positions; new ones start at the group's
    /// committed offset (with a group id) or at <c>auto.offset.reset</c>.
    /// </summary>
    public void Assign(IEnumerable<TopicPartition> partitions)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_group is not null)
        {
            throw new InvalidOperationException("subscribing to topics and assigning partitions manually are mutually exclusive");
        }

        ApplyAssignment(partitions);
    }

    public void Unassign() => Assign([]);

    private void ApplyAssignment(IEnumerable<TopicPartition> partitions)
    {
        var list = partitions.ToList();
        var removed = _subscriptions.Assigned.Except(list).ToList();
        _subscriptions.Assign(list);
        _fetcher.Clear(removed);
        foreach (var topic in list.Select(p => p.Topic).Distinct(StringComparer.Ordinal))
        {
            _core.Metadata.Track(topic);
        }

        if (list.Any(p => _core.Metadata.Current.LeaderOf(p) < 0))
        {
            _core.Metadata.RequestUpdate();
        }
    }

    /// <summary>Sets the next offset to return for a partition.</summary>
    public void Seek(TopicPartition partition, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        _subscriptions.Require(partition);
        _subscriptions.With(partition, state =>
        {
            state.Seek(offset);
            return true;
        });
        _fetcher.Clear([partition]);
    }

    /// <summary>Moves to the log start offset (resolved on the next poll or position call); all assigned partitions when null.</summary>
    public void SeekToBeginning(IEnumerable<TopicPartition>? partitions = null) => RequestReset(partitions, PendingReset.Earliest);

    /// <summary>Moves to the log end offset (resolved on the next poll or position call); all assigned partitions when null.</summary>
    public void SeekToEnd(IEnumerable<TopicPartition>? partitions = null) => RequestReset(partitions, PendingReset.Latest);

    /// <summary>
    /// Moves each partition to its first record at or after the timestamp (epoch milliseconds), or to its end
    /// when no record is that recent.
    /// </summary>
    public async Task SeekToTimestampAsync(IReadOnlyDictionary<TopicPartition, long> timestamps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        var found = await OffsetsForTimesAsync(timestamps, cancellationToken);
        var ends = found.Where(f => f.Value is null).Select(f => f.Key).ToList();
        var endOffsets = ends.Count > 0 ? await EndOffsetsAsync(ends, cancellationToken) : new Dictionary<TopicPartition, long>();
        foreach (var (partition, offset) in found)
        {
            Seek(partition, offset?.Offset ?? endOffsets[partition]);
        }
    }

    /// <summary>The offset of the next record a poll would return, resolving a pending reset first.</summary>
    public async Task<long> PositionAsync(TopicPartition partition, CancellationToken cancellationToken = default)
    {
        var state = _subscriptions.Require(partition);
        var deadline = Environment.TickCount64 + (long)_options.DefaultApiTimeout.TotalMilliseconds;
        while (!state.HasPosition)
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                throw new KafkaException(ErrorCode.RequestTimedOut, $"the position of {partition} could not be determined within default.api.timeout.ms");
            }

            await UpdatePositionsAsync(TimeSpan.FromMilliseconds(left), throwRetriable: false, cancellationToken);
            if (!state.HasPosition)
            {
                await Task.Delay(_core.RetryBackoff.Delay(0), cancellationToken);
            }
        }

        return state.Position;
    }

    /// <summary>
    /// High watermark minus position, from the last fetch response (Java's <c>currentLag</c>); null when unknown.
    /// </summary>
    public long? Lag(TopicPartition partition) =>
        _subscriptions.With(partition, state => state.HasPosition && state.HighWatermark >= 0 ? Math.Max(0, state.HighWatermark - state.Position) : (long?)null);

    public void Pause(IEnumerable<TopicPartition> partitions) => SetPaused(partitions, true);

    public void Resume(IEnumerable<TopicPartition> partitions) => SetPaused(partitions, false);

    public IReadOnlyCollection<TopicPartition> Paused =>
        [.. _subscriptions.Assigned.Where(p => _subscriptions.With(p, s => s.Paused))];

    /// <summary>
    /// Returns the records fetched for assigned partitions, waiting at most <paramref name="timeout"/> for some
    /// to arrive (an empty result is not an error). Throws <see cref="KafkaException"/> for
    /// OFFSET_OUT_OF_RANGE with <c>auto.offset.reset</c>=none, corrupt data and non-retriable fetch errors.
    /// </summary>
    public async Task<ConsumerRecords> PollAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _polling, 1) == 1)
        {
            throw new InvalidOperationException("KafkaConsumer is not safe for concurrent polls");
        }

        try
        {
            var deadline = Environment.TickCount64 + (long)Math.Max(0, timeout.TotalMilliseconds);
            while (true)
            {
                if (_group is { } group)
                {
                    await group.PollAsync(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)), cancellationToken);
                }

                MaybeAutoCommit();
                var left = TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
                await UpdatePositionsAsync(left, throwRetriable: false, cancellationToken);
                var records = _fetcher.Collect(_options.MaxPollRecords, out var error);
                _fetcher.SendFetches();
                if (records.Count > 0)
                {
                    return new ConsumerRecords(records);
                }

                if (error is not null)
                {
                    throw error;
                }

                left = TimeSpan.FromMilliseconds(deadline - Environment.TickCount64);
                if (left <= TimeSpan.Zero)
                {
                    return ConsumerRecords.Empty;
                }

                if (!_fetcher.HasBuffered)
                {
                    // A group member comes back around the loop now and then: each pass counts as a poll for
                    // max.poll.interval.ms, so one long poll does not look like an application that stopped polling.
                    var wait = NeedsPositions() ? Min(left, _options.RetryBackoff) : left;
                    await _fetcher.WaitForDataAsync(_group is null ? wait : Min(wait, _options.HeartbeatInterval), cancellationToken);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_group is { } group)
        {
            using var timeout = new CancellationTokenSource(_options.DefaultApiTimeout);
            try
            {
                await _autoCommit;
                await group.CloseAsync(timeout.Token);
            }
            catch (Exception e) when (e is KafkaException or OperationCanceledException)
            {
                _core.Logger.LogWarning("Leaving the group on close failed: {Error}", e.Message);
            }

            await group.DisposeAsync();
        }
        else if (_options.GroupId is not null && _options.EnableAutoCommit)
        {
            try
            {
                await _autoCommit;
                using var timeout = new CancellationTokenSource(_options.DefaultApiTimeout);
                await CommitAsync(timeout.Token);
            }
            catch (Exception e) when (e is KafkaException or OperationCanceledException)
            {
                _core.Logger.LogWarning("Final auto-commit failed: {Error}", e.Message);
            }
        }

        await _lifetime.CancelAsync();
        await _fetcher.DrainAsync();
        await _core.DisposeAsync();
        _lifetime.Dispose();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private bool NeedsPositions() => _subscriptions.NeedingPosition().Count > 0;

    private void RequestReset(IEnumerable<TopicPartition>? partitions, PendingReset reset)
    {
        var list = partitions?.ToList() ?? [.. _subscriptions.Assigned];
        foreach (var partition in list)
        {
            _subscriptions.Require(partition);
            _subscriptions.With(partition, state =>
            {
                state.RequestReset(reset);
                return true;
            });
        }

        _fetcher.Clear(list);
    }

    private void SetPaused(IEnumerable<TopicPartition> partitions, bool paused)
    {
        foreach (var partition in partitions)
        {
            _subscriptions.Require(partition);
            _subscriptions.With(partition, state =>
            {
                state.Paused = paused;
                return true;
            });
        }
    }
}
