using Microsoft.Extensions.Logging;
using Spool.Client.Internal;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Consumer.Groups;

/// <summary>JoinGroup and SyncGroup, and applying their outcome.</summary>
internal sealed partial class GroupMembership
{
    /// <summary>Before joining: commit (auto-commit), then with eager rebalancing give up every partition.</summary>
    private async Task PrepareJoinAsync(CancellationToken cancellationToken)
    {
        var owned = _subscriptions.Assigned;
        if (owned.Count == 0)
        {
            return;
        }

        if (_options.EnableAutoCommit && Metadata.GenerationId >= 0)
        {
            await TryCommitAsync(_subscriptions.Positions(), cancellationToken);
        }

        if (_protocol == RebalanceProtocol.Eager)
        {
            if (_listener is { } listener)
            {
                await listener.OnPartitionsRevokedAsync(owned, cancellationToken);
            }

            _applyAssignment([]);
        }
    }

    private async Task CompleteJoinAsync(JoinResult result, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _memberId = result.MemberId;
            _generation = result.Generation;
            _leaderSnapshot = result.LeaderTopicSnapshot;
            _state = MemberState.Stable;
        }

        _logger.LogInformation("Joined group {Group} generation {Generation} as {Member}{Leader} with {Count} partition(s) ({Protocol})",
            _groupId, result.Generation, result.MemberId, result.IsLeader ? " (leader)" : "", result.Assignment.Count, result.Protocol);
        var owned = _subscriptions.Assigned.ToHashSet();
        var assigned = result.Assignment.ToHashSet();
        var revoked = owned.Where(p => !assigned.Contains(p)).ToList();
        var added = assigned.Where(p => !owned.Contains(p)).ToList();
        if (revoked.Count > 0)
        {
            // Cooperative: only the partitions that move are given up, and a follow-up rebalance hands them over.
            if (_options.EnableAutoCommit)
            {
                var positions = _subscriptions.Positions().Where(p => revoked.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
                await TryCommitAsync(positions, cancellationToken);
            }

            if (_listener is { } revokedListener)
            {
                await revokedListener.OnPartitionsRevokedAsync(revoked, cancellationToken);
            }

            RequestRejoin();
        }

        _applyAssignment(result.Assignment);
        if (_listener is { } listener)
        {
            await listener.OnPartitionsAssignedAsync(added, cancellationToken);
        }

        if (_heartbeat.IsCompleted)
        {
            _heartbeat = Task.Run(() => HeartbeatLoopAsync(_lifetime.Token), CancellationToken.None);
        }
    }

    private async Task LosePartitionsAsync(CancellationToken cancellationToken)
    {
        var owned = _subscriptions.Assigned;
        if (owned.Count == 0)
        {
            return;
        }

        _logger.LogWarning("Group {Group}: lost {Count} partition(s) (fenced or timed out); rejoining", _groupId, owned.Count);
        if (_listener is { } listener)
        {
            await listener.OnPartitionsLostAsync(owned, cancellationToken);
        }

        _applyAssignment([]);
    }

    private async Task TryCommitAsync(IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets, CancellationToken cancellationToken)
    {
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            await _commit(offsets, cancellationToken);
        }
        catch (KafkaException e)
        {
            _logger.LogWarning("Group {Group}: committing before the rebalance failed: {Error}", _groupId, e.Message);
        }
    }

    /// <summary>Joins and syncs until it succeeds (retrying coordinator and membership errors) or fails for good.</summary>
    private async Task<JoinResult> JoinAndSyncAsync(CancellationToken lifetime)
    {
        for (var attempt = 0; ; attempt++)
        {
            lifetime.ThrowIfCancellationRequested();
            try
            {
                if (await TryJoinAndSyncAsync(lifetime) is { } result)
                {
                    return result;
                }

                continue;
            }
            catch (KafkaException e) when (e.IsRetriable || e.Error is ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable or ErrorCode.CoordinatorLoadInProgress)
            {
                if (e.Error is ErrorCode.NetworkException or ErrorCode.RequestTimedOut)
                {
                    _core.InvalidateCoordinator(_groupId);
                }

                _logger.LogDebug("Group {Group}: join attempt failed: {Error}", _groupId, e.Message);
            }

            await Task.Delay(_core.RetryBackoff.Delay(attempt), lifetime);
        }
    }

    /// <summary>One JoinGroup + SyncGroup round; null when it must be repeated at once (new member id, rebalance).</summary>
    private async Task<JoinResult?> TryJoinAndSyncAsync(CancellationToken lifetime)
    {
        var connection = await _core.ConnectToCoordinatorAsync(_groupId, lifetime);
        var (memberId, generation, topics) = Snapshot();
        var owned = _subscriptions.Assigned;
        var rebalanceTimeout = (int)Math.Min(int.MaxValue, _options.MaxPollInterval.TotalMilliseconds);

        // The coordinator holds JoinGroup until every member joined (up to the rebalance timeout).
        var waitLimit = TimeSpan.FromMilliseconds(Math.Max(_options.RequestTimeout.TotalMilliseconds, rebalanceTimeout + 5000));
        var joinVersion = connection.NegotiateVersion(ApiKey.JoinGroup);
        var join = await connection.SendAsync<JoinGroupRequest, JoinGroupResponse>(new JoinGroupRequest
        {
            GroupId = _groupId,
            SessionTimeoutMs = (int)_options.SessionTimeout.TotalMilliseconds,
            RebalanceTimeoutMs = rebalanceTimeout,
            MemberId = memberId,
            GroupInstanceId = _options.GroupInstanceId,
            ProtocolType = ConsumerProtocol.ProtocolType,
            Protocols = [.. _options.PartitionAssignmentStrategy.Select(a => new JoinGroupRequest.JoinGroupRequestProtocol
            {
                Name = a.Name,
                Metadata = EncodeSubscription(topics, owned, generation),
            })],
        }, joinVersion, lifetime, waitLimit);

        switch ((ErrorCode)join.ErrorCode)
        {
            case ErrorCode.None:
                break;
            case ErrorCode.MemberIdRequired:
                // KIP-394: the coordinator hands out the member id first; join again with it straight away.
                SetMember(join.MemberId, generation);
                return null;
            case ErrorCode.UnknownMemberId:
                SetMember("", -1);
                return null;
            case ErrorCode.RebalanceInProgress:
                return null;
            default:
                throw GroupError(join.ErrorCode, "JoinGroup");
        }

        SetMember(join.MemberId, join.GenerationId);
        var protocol = join.ProtocolName ?? _options.PartitionAssignmentStrategy[0].Name;
        var isLeader = join.Leader == join.MemberId;
        IReadOnlyDictionary<string, int>? snapshot = null;
        List<SyncGroupRequest.SyncGroupRequestAssignment> assignments = [];
        if (isLeader && !join.SkipAssignment)
        {
            (assignments, snapshot) = await AssignAsync(protocol, join.Members, lifetime);
        }

        var sync = await connection.SendAsync<SyncGroupRequest, SyncGroupResponse>(new SyncGroupRequest
        {
            GroupId = _groupId,
            GenerationId = join.GenerationId,
            MemberId = join.MemberId,
            GroupInstanceId = _options.GroupInstanceId,
            ProtocolType = ConsumerProtocol.ProtocolType,
            ProtocolName = protocol,
            Assignments = assignments,
        }, connection.NegotiateVersion(ApiKey.SyncGroup), lifetime, waitLimit);

        switch ((ErrorCode)sync.ErrorCode)
        {
            case ErrorCode.None:
                var assignment = ConsumerProtocol.Partitions(ConsumerProtocol.Decode<ConsumerProtocolAssignment>(sync.Assignment));
                return new JoinResult(join.MemberId, join.GenerationId, protocol, isLeader, assignment, snapshot);
            case ErrorCode.RebalanceInProgress:
            case ErrorCode.IllegalGeneration:
                return null;
            case ErrorCode.UnknownMemberId:
                SetMember("", -1);
                return null;
            default:
                throw GroupError(sync.ErrorCode, "SyncGroup");
        }
    }

    private (string MemberId, int Generation, IReadOnlyList<string> Topics) Snapshot()
    {
        lock (_lock)
        {
            return (_memberId, _generation, _topics);
        }
    }

    private void SetMember(string memberId, int generation)
    {
        lock (_lock)
        {
            _memberId = memberId;
            _generation = generation;
        }
    }

    private KafkaException GroupError(short code, string what)
    {
        var error = (ErrorCode)code;
        if (error is ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable)
        {
            _core.InvalidateCoordinator(_groupId);
        }

        return new KafkaException(error, $"{what} for group {_groupId}");
    }
}
