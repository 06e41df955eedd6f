using Microsoft.Extensions.Logging;
using Spool.Client.Internal;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Consumer.Groups;

/// <summary>The background heartbeat, the poll-interval watchdog, and leaving the group.</summary>
internal sealed partial class GroupMembership
{
    private async Task HeartbeatLoopAsync(CancellationToken lifetime)
    {
        while (!lifetime.IsCancellationRequested)
        {
            await Task.Delay(_options.HeartbeatInterval, lifetime);
            string memberId;
            int generation;
            lock (_lock)
            {
                if (_state != MemberState.Stable)
                {
                    continue;
                }

                memberId = _memberId;
                generation = _generation;
            }

            if (Environment.TickCount64 - Volatile.Read(ref _lastPoll) > (long)_options.MaxPollInterval.TotalMilliseconds)
            {
                _logger.LogWarning(
                    "Group {Group}: no poll for longer than max.poll.interval.ms ({Interval}); leaving the group so its partitions go to others",
                    _groupId, _options.MaxPollInterval);
                await LeaveAsync("consumer poll timeout has expired", lifetime);
                lock (_lock)
                {
                    _partitionsLost = true;
                }

                continue;
            }

            try
            {
                var connection = await _core.ConnectToCoordinatorAsync(_groupId, lifetime);
                var response = await KafkaClientCore.SendAsync<HeartbeatRequest, HeartbeatResponse>(connection, _ => new HeartbeatRequest
                {
                    GroupId = _groupId,
                    GenerationId = generation,
                    MemberId = memberId,
                    GroupInstanceId = _options.GroupInstanceId,
                }, lifetime);
                OnHeartbeat((ErrorCode)response.ErrorCode, generation);
            }
            catch (KafkaException e)
            {
                if (e.Error is ErrorCode.NetworkException or ErrorCode.RequestTimedOut)
                {
                    _core.InvalidateCoordinator(_groupId);
                }

                _logger.LogDebug("Group {Group}: heartbeat failed: {Error}", _groupId, e.Message);
            }
        }
    }

    private void OnHeartbeat(ErrorCode error, int generation)
    {
        lock (_lock)
        {
            if (generation != _generation || _state != MemberState.Stable)
            {
                // An answer about a generation this member already left behind.
                return;
            }

            switch (error)
            {
                case ErrorCode.None:
                    return;
                case ErrorCode.RebalanceInProgress:
                    _rejoinNeeded = true;
                    return;
                case ErrorCode.IllegalGeneration:
                case ErrorCode.UnknownMemberId:
                case ErrorCode.FencedInstanceId:
                    // Others own this member's partitions now: report them lost and rejoin from scratch.
                    if (error == ErrorCode.UnknownMemberId)
                    {
                        _memberId = "";
                    }

                    _generation = -1;
                    _state = MemberState.Unjoined;
                    _rejoinNeeded = true;
                    _partitionsLost = true;
                    if (error == ErrorCode.FencedInstanceId)
                    {
                        _fatal = new KafkaException(error, $"group.instance.id {_options.GroupInstanceId} is used by another consumer of group {_groupId}");
                    }

                    return;
                case ErrorCode.NotCoordinator:
                case ErrorCode.CoordinatorNotAvailable:
                    _core.InvalidateCoordinator(_groupId);
                    return;
                default:
                    _logger.LogWarning("Group {Group}: heartbeat answered {Error}", _groupId, KafkaErrors.Name(error));
                    return;
            }
        }
    }

    /// <summary>
    /// Leaves the group (dynamic members only: a static member's slot waits for it until the session times out,
    /// so a restart causes no rebalance). The member id and generation are reset either way.
    /// </summary>
    public async Task LeaveAsync(string reason, CancellationToken cancellationToken)
    {
        string memberId;
        lock (_lock)
        {
            memberId = _memberId;
            _generation = -1;
            _state = MemberState.Unjoined;
            _rejoinNeeded = true;
            if (_options.GroupInstanceId is null)
            {
                _memberId = "";
            }
        }

        if (memberId.Length == 0 || _options.GroupInstanceId is not null)
        {
            return;
        }

        try
        {
            var connection = await _core.ConnectToCoordinatorAsync(_groupId, cancellationToken);
            var response = await KafkaClientCore.SendAsync<LeaveGroupRequest, LeaveGroupResponse>(connection, _ => new LeaveGroupRequest
            {
                GroupId = _groupId,
                MemberId = memberId,
                Members = [new LeaveGroupRequest.MemberIdentity { MemberId = memberId, Reason = reason }],
            }, cancellationToken);
            if (response.ErrorCode != 0)
            {
                _logger.LogDebug("Group {Group}: LeaveGroup answered {Error}", _groupId, KafkaErrors.Name((ErrorCode)response.ErrorCode));
            }
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            _logger.LogDebug("Group {Group}: leaving failed: {Error}", _groupId, e.Message);
        }
    }

    /// <summary>On close or unsubscribe: commit (auto-commit), revoke every partition, leave the group.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_join is null && IsStable)
        {
            var owned = _subscriptions.Assigned;
            if (_options.EnableAutoCommit)
            {
                await TryCommitAsync(_subscriptions.Positions(), cancellationToken);
            }

            if (owned.Count > 0 && _listener is { } listener)
            {
                await listener.OnPartitionsRevokedAsync(owned, cancellationToken);
            }
        }

        await _lifetime.CancelAsync();
        try
        {
            await _heartbeat;
        }
        catch (OperationCanceledException)
        {
        }

        await LeaveAsync("the consumer is being closed", cancellationToken);
        _applyAssignment([]);
        lock (_lock)
        {
            _topics = [];
        }
    }
}
