using Microsoft.Extensions.Logging;
using Spool.Protocol;

namespace Spool.Client.Consumer;

/// <summary>Committing and reading the group's offsets (requires <c>group.id</c>).</summary>
public sealed partial class KafkaConsumer
{
    /// <summary>Commits the current positions of every assigned partition.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => CommitAsync(_subscriptions.Positions(), cancellationToken);

    /// <summary>Commits the given offsets (the next offsets to consume), retrying retriable errors within default.api.timeout.ms.</summary>
    public async Task CommitAsync(IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var groupId = RequireGroup();
        if (offsets.Count == 0)
        {
            return;
        }

        // A group member commits as itself, so that the coordinator can fence a member that lost its partitions.
        var member = _group?.Metadata;
        if (_group is { IsStable: false })
        {
            throw new KafkaException(ErrorCode.RebalanceInProgress, $"group {groupId} is rebalancing; poll to complete it, then commit");
        }

        var outcomes = await _core.PerItemAsync<TopicPartition, bool>("OffsetCommit", [.. offsets.Keys], _options.DefaultApiTimeout, async (pending, ct) =>
            await _core.CommitOffsetsAsync(groupId, member?.GenerationId ?? -1, member?.MemberId ?? "", member?.GroupInstanceId, pending.ToDictionary(p => p, p => offsets[p]), ct), cancellationToken);
        if (outcomes.Values.FirstOrDefault(o => o.Error is not null).Error is { } error)
        {
            if (error.Error is ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId or ErrorCode.RebalanceInProgress or ErrorCode.FencedInstanceId)
            {
                // Java's CommitFailedException: the partitions may belong to someone else now.
                _group?.RequestRejoin();
                throw new KafkaException(error.Error, $"commit failed: the group rebalanced and the partitions may be assigned to another member ({error.ServerMessage})", error);
            }

            throw error;
        }
    }

    /// <summary>The group's committed offsets for the partitions; null where nothing is committed.</summary>
    public async Task<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata?>> CommittedAsync(IEnumerable<TopicPartition> partitions, CancellationToken cancellationToken = default)
    {
        var groupId = RequireGroup();
        var list = partitions.Distinct().ToList();
        var outcomes = await _core.RetryAsync("OffsetFetch", _options.DefaultApiTimeout, ct => _core.FetchCommittedOffsetsAsync(groupId, list, requireStable: true, ct), cancellationToken);
        var byPartition = outcomes.ToDictionary(o => o.Key);
        var result = new Dictionary<TopicPartition, OffsetAndMetadata?>();
        foreach (var partition in list)
        {
            if (byPartition.TryGetValue(partition, out var outcome) && outcome.Error is { } error)
            {
                throw error;
            }

            result[partition] = byPartition.TryGetValue(partition, out outcome) && outcome.Result is { Offset: >= 0 } committed ? committed : null;
        }

        return result;
    }

    private string RequireGroup() =>
        _options.GroupId ?? throw new KafkaException(ErrorCode.InvalidGroupId, "committing or reading committed offsets needs group.id");

    private void MaybeAutoCommit()
    {
        if (_options.GroupId is null || !_options.EnableAutoCommit || Environment.TickCount64 < _nextAutoCommit || !_autoCommit.IsCompleted || _group is { IsStable: false })
        {
            return;
        }

        _nextAutoCommit = Environment.TickCount64 + (long)_options.AutoCommitInterval.TotalMilliseconds;
        var positions = _subscriptions.Positions();
        if (positions.Count == 0)
        {
            return;
        }

        _autoCommit = Task.Run(async () =>
        {
            try
            {
                await CommitAsync(positions, _lifetime.Token);
            }
            catch (Exception e) when (e is KafkaException or OperationCanceledException)
            {
                _core.Logger.LogWarning("Auto-commit failed: {Error}", e.Message);
            }
        });
    }
}
