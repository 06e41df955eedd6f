using Microsoft.Extensions.Logging;
using Spool.Protocol;

namespace Spool.Client.Consumer;

/// <summary>Resolving positions (committed offsets, resets) and offset look-ups.</summary>
public sealed partial class KafkaConsumer
{
    /// <summary>The first offset at or after each timestamp (epoch milliseconds); null where no record is that recent.</summary>
    public async Task<IReadOnlyDictionary<TopicPartition, OffsetAndTimestamp?>> OffsetsForTimesAsync(
        IReadOnlyDictionary<TopicPartition, long> timestamps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        if (timestamps.Values.Any(t => t < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(timestamps), "timestamps must not be negative");
        }

        var found = await LookUpAsync(timestamps, cancellationToken);
        return found.ToDictionary(
            f => f.Key,
            f => f.Value.Offset < 0 ? null : new OffsetAndTimestamp(f.Value.Offset, f.Value.Timestamp, f.Value.LeaderEpoch < 0 ? null : f.Value.LeaderEpoch));
    }

    /// <summary>The log start offsets of the partitions.</summary>
    public async Task<IReadOnlyDictionary<TopicPartition, long>> BeginningOffsetsAsync(IEnumerable<TopicPartition> partitions, CancellationToken cancellationToken = default) =>
        (await LookUpAsync(partitions.Distinct().ToDictionary(p => p, _ => -2L), cancellationToken)).ToDictionary(f => f.Key, f => f.Value.Offset);

    /// <summary>The log end offsets (high watermarks; last stable offsets with read_committed) of the partitions.</summary>
    public async Task<IReadOnlyDictionary<TopicPartition, long>> EndOffsetsAsync(IEnumerable<TopicPartition> partitions, CancellationToken cancellationToken = default) =>
        (await LookUpAsync(partitions.Distinct().ToDictionary(p => p, _ => -1L), cancellationToken)).ToDictionary(f => f.Key, f => f.Value.Offset);

    private async Task<Dictionary<TopicPartition, Internal.PartitionOffset>> LookUpAsync(IReadOnlyDictionary<TopicPartition, long> specs, CancellationToken cancellationToken)
    {
        var outcomes = await _core.ListOffsetsAsync(specs, _options.IsolationLevel, _options.DefaultApiTimeout, missingIsFinal: false, cancellationToken);
        var result = new Dictionary<TopicPartition, Internal.PartitionOffset>();
        foreach (var (partition, outcome) in outcomes)
        {
            result[partition] = outcome.Error is { } error ? throw error : outcome.Result;
        }

        return result;
    }

    /// <summary>
    /// Gives positions to partitions that need one: the group's committed offset for newly assigned partitions,
    /// then earliest/latest per the pending reset or <c>auto.offset.reset</c>. Retriable failures leave the
    /// partition for the next attempt unless <paramref name="throwRetriable"/>.
    /// </summary>
    private async Task UpdatePositionsAsync(TimeSpan budget, bool throwRetriable, CancellationToken cancellationToken)
    {
        var needing = _subscriptions.NeedingPosition();
        if (needing.Count == 0)
        {
            return;
        }

        try
        {
            var initializing = needing.Where(n => n.Reset == PendingReset.Initialize).ToList();
            if (initializing.Count > 0 && _options.GroupId is { } groupId)
            {
                var committed = await _core.FetchCommittedOffsetsAsync(groupId, [.. initializing.Select(n => n.Partition)], requireStable: true, cancellationToken);
                foreach (var outcome in committed)
                {
                    if (outcome.Result is { Offset: >= 0 } offset)
                    {
                        var generation = initializing.First(n => n.Partition == outcome.Key).Generation;
                        _subscriptions.TrySetPosition(outcome.Key, generation, offset.Offset, offset.LeaderEpoch);
                    }
                }

                needing = _subscriptions.NeedingPosition();
            }

            var lookups = new Dictionary<TopicPartition, long>();
            var generations = new Dictionary<TopicPartition, int>();
            foreach (var (partition, reset, generation) in needing)
            {
                var strategy = reset switch
                {
                    PendingReset.Earliest => AutoOffsetReset.Earliest,
                    PendingReset.Latest => AutoOffsetReset.Latest,
                    _ => _options.AutoOffsetReset,
                };
                if (strategy == AutoOffsetReset.None)
                {
                    throw new KafkaException(ErrorCode.OffsetOutOfRange, $"{partition} has no committed offset and auto.offset.reset is none");
                }

                lookups[partition] = strategy == AutoOffsetReset.Earliest ? -2 : -1;
                generations[partition] = generation;
            }

            var found = await _core.ListOffsetsAsync(lookups, _options.IsolationLevel, budget > TimeSpan.Zero ? budget : TimeSpan.FromMilliseconds(1), missingIsFinal: false, cancellationToken);
            foreach (var (partition, outcome) in found)
            {
                if (outcome.Error is { } error)
                {
                    if (!error.IsRetriable || throwRetriable)
                    {
                        throw error;
                    }

                    continue;
                }

                _subscriptions.TrySetPosition(partition, generations[partition], outcome.Result.Offset, outcome.Result.LeaderEpoch < 0 ? null : outcome.Result.LeaderEpoch);
            }
        }
        catch (KafkaException e) when (e.IsRetriable && !throwRetriable)
        {
            _core.Logger.LogDebug("Could not resolve positions yet: {Error}", e.Message);
        }
    }
}
