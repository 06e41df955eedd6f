using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Spool.Client.Internal;
using Spool.Protocol;

namespace Spool.Client.Consumer;

/// <summary>
/// Sends fetch requests (one in flight per leader, for partitions with no data buffered) and turns their
/// responses into <see cref="CompletedFetch"/>es that polls drain. Fetches run in the background, so the next
/// poll's data is usually already there (prefetching, as in the Java client).
/// </summary>
internal sealed partial class Fetcher
{
    private readonly KafkaClientCore _core;
    private readonly ConsumerOptions _options;
    private readonly SubscriptionState _subscriptions;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<CompletedFetch> _completed = new();
    private readonly ConcurrentDictionary<TopicPartition, byte> _buffered = new();
    private readonly Dictionary<int, Task> _inFlight = [];
    private readonly Dictionary<int, long> _nodeBackoffUntil = [];
    private readonly Lock _lock = new();
    private readonly AsyncSignal _arrived = new();
    private readonly CancellationToken _lifetime;
    private CompletedFetch? _current;
    private Task _refresh = Task.CompletedTask;

    public Fetcher(KafkaClientCore core, ConsumerOptions options, SubscriptionState subscriptions, CancellationToken lifetime)
    {
        _core = core;
        _options = options;
        _subscriptions = subscriptions;
        _logger = core.Logger;
        _lifetime = lifetime;
    }

    /// <summary>Starts fetches for fetchable partitions whose leader has no fetch in flight.</summary>
    public void SendFetches()
    {
        var metadata = _core.Metadata.Current;
        var now = Environment.TickCount64;
        var byLeader = new Dictionary<int, List<(TopicPartition Partition, long Position, int? Epoch)>>();
        foreach (var fetchable in _subscriptions.Fetchable(_buffered.Keys.ToHashSet()))
        {
            var leader = metadata.LeaderOf(fetchable.Partition);
            if (leader < 0)
            {
                _core.Metadata.RequestUpdate();
                continue;
            }

            if (!byLeader.TryGetValue(leader, out var list))
            {
                byLeader[leader] = list = [];
            }

            list.Add(fetchable);
        }

        lock (_lock)
        {
            if (_core.Metadata.NeedsUpdate && _refresh.IsCompleted)
            {
                _refresh = RefreshMetadataAsync();
            }

            foreach (var (node, partitions) in byLeader)
            {
                if (_inFlight.ContainsKey(node) || _nodeBackoffUntil.GetValueOrDefault(node) > now)
                {
                    continue;
                }

                _inFlight[node] = FetchAsync(node, partitions, metadata);
            }
        }
    }

    /// <summary>Waits until a fetch completes (or the timeout passes).</summary>
    public Task WaitForDataAsync(TimeSpan timeout, CancellationToken cancellationToken) => _arrived.WaitAsync(timeout, cancellationToken);

    /// <summary>Whether any fetched data waits to be returned.</summary>
    public bool HasBuffered => _current is not null || !_completed.IsEmpty;

    /// <summary>
    /// Up to <paramref name="max"/> records from buffered fetches, advancing positions. Errors of a partition
    /// (OFFSET_OUT_OF_RANGE with auto.offset.reset=none, corrupt data) throw after the records collected before it.
    /// </summary>
    public List<ConsumerRecord> Collect(int max, out KafkaException? error)
    {
        var records = new List<ConsumerRecord>();
        error = null;
        while (records.Count < max)
        {
            if (_current is null)
            {
                if (!_completed.TryDequeue(out var next))
                {
                    break;
                }

                try
                {
                    _current = Initialize(next);
                }
                catch (KafkaException e)
                {
                    _buffered.TryRemove(next.Partition, out _);
                    error = e;
                    break;
                }

                if (_current is null)
                {
                    _buffered.TryRemove(next.Partition, out _);
                    continue;
                }
            }

            var fetch = _current;
            var taken = _subscriptions.With(fetch.Partition, state =>
            {
                // A seek, a pause or a reset since the fetch was sent makes its data stale.
                if (!state.HasPosition || state.Paused || state.Position != fetch.ExpectedPosition)
                {
                    return null;
                }

                var batch = fetch.Take(max - records.Count);
                if (batch.Count > 0)
                {
                    state.Position = batch[^1].Offset + 1;
                    state.PositionEpoch = batch[^1].LeaderEpoch ?? state.PositionEpoch;
                }

                if (fetch.IsDrained)
                {
                    state.Position = Math.Max(state.Position, fetch.NextFetchOffset);
                }

                return batch;
            });

            if (taken is not null)
            {
                records.AddRange(taken);
            }

            if (taken is null || fetch.IsDrained)
            {
                _buffered.TryRemove(fetch.Partition, out _);
                _current = null;
            }
        }

        return records;
    }

    /// <summary>Drops buffered data of partitions no longer assigned or just sought.</summary>
    public void Clear(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _buffered.TryRemove(partition, out _);
        }
    }

    /// <summary>Waits for fetches in flight to end (on close).</summary>
    public async Task DrainAsync()
    {
        Task[] pending;
        lock (_lock)
        {
            pending = [.. _inFlight.Values];
        }

        try
        {
            await Task.WhenAll(pending);
        }
        catch (Exception)
        {
            // Fetches end with cancellation on close.
        }
    }

    /// <summary>Applies the fetch's error or metadata; returns null when it has no records to give.</summary>
    private CompletedFetch? Initialize(CompletedFetch fetch)
    {
        var current = _subscriptions.With(fetch.Partition, state =>
        {
            if (!state.HasPosition || state.Position != fetch.FetchOffset)
            {
                return false;
            }

            if (fetch.HighWatermark >= 0)
            {
                state.HighWatermark = fetch.HighWatermark;
            }

            if (fetch.LogStartOffset >= 0)
            {
                state.LogStartOffset = fetch.LogStartOffset;
            }

            state.LastStableOffset = fetch.LastStableOffset;
            return true;
        });
        if (!current)
        {
            return null;
        }

        switch (fetch.Error)
        {
            case ErrorCode.None:
                fetch.Decode(_options.CheckCrcs);
                return fetch;
            case ErrorCode.OffsetOutOfRange:
                if (_options.AutoOffsetReset == AutoOffsetReset.None)
                {
                    throw new KafkaException(ErrorCode.OffsetOutOfRange, $"fetch position {fetch.FetchOffset} is out of range for {fetch.Partition} and auto.offset.reset is none");
                }

                _logger.LogInformation("Fetch position {Offset} is out of range for {Partition}; resetting to {Reset}", fetch.FetchOffset, fetch.Partition, _options.AutoOffsetReset);
                _subscriptions.With(fetch.Partition, state =>
                {
                    if (state.HasPosition && state.Position == fetch.FetchOffset)
                    {
                        state.RequestReset(PendingReset.Default);
                    }

                    return true;
                });
                return null;
            default:
                if (KafkaErrors.IsRetriable(fetch.Error))
                {
                    // Leader moved, topic being created, replica catching up: fetch again after fresh metadata.
                    _logger.LogDebug("Fetch of {Partition} failed with {Error}; retrying", fetch.Partition, fetch.Error);
                    _core.Metadata.RequestUpdate();
                    return null;
                }

                throw new KafkaException(fetch.Error, $"fetch of {fetch.Partition} at offset {fetch.FetchOffset}");
        }
    }

    /// <summary>
    /// One refresh at a time, and none sooner than retry.backoff.ms after the previous one: a partition whose
    /// topic does not exist (yet) must not turn polls into a stream of metadata requests.
    /// </summary>
    private async Task RefreshMetadataAsync()
    {
        await Task.Yield();
        try
        {
            await _core.Metadata.EnsureFreshAsync(_lifetime);
        }
        catch (Exception e)
        {
            _logger.LogDebug("Consumer metadata refresh failed: {Error}", e.Message);
        }

        _arrived.Set();
        try
        {
            await Task.Delay(_options.RetryBackoff, _lifetime);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
