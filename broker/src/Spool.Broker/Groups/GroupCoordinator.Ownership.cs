using System.Diagnostics;
using Spool.Broker.Metadata;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>
/// Which __consumer_offsets partitions this node coordinates, kept in step with the metadata: a partition this
/// node starts leading is loaded (its records replayed into groups and offsets) in the background, and its
/// groups answer COORDINATOR_LOAD_IN_PROGRESS meanwhile; a partition it stops leading is unloaded.
/// </summary>
public sealed partial class GroupCoordinator
{
    private ITimer? _expirationTimer;

    /// <summary>Starts coordinating (after the replica manager, whose partitions the loads read).</summary>
    public void Start()
    {
        _active = true;
        _metadata.Published += OnMetadataPublished;
        ApplyOwnership(_metadata.Image);
        var interval = TimeSpan.FromMilliseconds(_config.OffsetsRetentionCheckIntervalMs);
        _expirationTimer = _time.CreateTimer(_ => ExpireOffsets(), null, interval, interval);
        _ = Task.Run(UpgradeOffsetsTopicPolicyAsync);
    }

    /// <summary>Stops coordinating: parked requests are answered NOT_COORDINATOR and every group is unloaded.</summary>
    public void Shutdown()
    {
        if (!_active)
        {
            return;
        }

        _active = false;
        _metadata.Published -= OnMetadataPublished;
        _expirationTimer?.Dispose();
        lock (_ownershipLock)
        {
            foreach (var partition in _owned.Values.ToList())
            {
                Resign(partition);
            }
        }
    }

    private void OnMetadataPublished(ClusterImage previous, ClusterImage next)
    {
        ApplyOwnership(next);
        var deleted = previous.Topics.Values
            .Where(t => t.Name != OffsetsTopic.Name && (!next.Topics.TryGetValue(t.Name, out var now) || now.Id != t.Id))
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);
        if (deleted.Count > 0)
        {
            // Off the metadata thread: this writes tombstones under group locks.
            _ = Task.Run(() => RemoveOffsetsOfDeletedTopics(deleted));
        }
    }

    private void ApplyOwnership(ClusterImage image)
    {
        if (!_active)
        {
            return;
        }

        lock (_ownershipLock)
        {
            var led = new Dictionary<int, OffsetsPartitionState>();
            if (image.Topics.TryGetValue(OffsetsTopic.Name, out var topic))
            {
                foreach (var p in topic.Partitions.Where(p => p.Leader == _metadata.NodeId))
                {
                    led[p.Index] = new OffsetsPartitionState(p.Index, p.LeaderEpoch, topic.Id);
                }
            }

            foreach (var owned in _owned.Values.ToList())
            {
                if (!led.TryGetValue(owned.Partition, out var wanted) || wanted.LeaderEpoch != owned.LeaderEpoch || wanted.TopicId != owned.TopicId)
                {
                    Resign(owned);
                }
            }

            foreach (var (index, state) in led)
            {
                if (_owned.TryAdd(index, state))
                {
                    _ = Task.Run(() => Load(state));
                }
            }
        }
    }

    private void Load(OffsetsPartitionState state)
    {
        var started = Stopwatch.GetTimestamp();
        var groups = new List<ClassicGroup>();
        var offsetCount = 0;
        try
        {
            (groups, offsetCount) = ReadPartition(state.Partition);
            foreach (var group in groups)
            {
                lock (group)
                {
                    OnGroupLoaded(group);
                }
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Error loading offsets from {Topic}-{Partition}", OffsetsTopic.Name, state.Partition);
        }
        finally
        {
            lock (_ownershipLock)
            {
                if (_owned.TryGetValue(state.Partition, out var current) && current == state)
                {
                    foreach (var group in groups)
                    {
                        _groups[group.GroupId] = group;
                    }
                }
                else
                {
                    foreach (var group in groups)
                    {
                        lock (group)
                        {
                            group.CancelAllTimers();
                        }
                    }
                }

                state.MarkLoaded();
            }
        }

        // Fifty empty partitions load at every start: only loads that found something are worth an info line.
        _logger.Log(
            groups.Count > 0 ? LogLevel.Information : LogLevel.Debug,
            "Finished loading offsets and group metadata from {Topic}-{Partition} in {Ms} ms: {Groups} groups, {Offsets} offsets",
            OffsetsTopic.Name, state.Partition, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, groups.Count, offsetCount);
    }

    /// <summary>Replays a partition: the last record per key wins and tombstones delete (what compaction keeps).</summary>
    private (List<ClassicGroup> Groups, int Offsets) ReadPartition(int partition)
    {
        var offsets = new Dictionary<string, Dictionary<TopicPartition, CommittedOffset>>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, (GroupMetadataValue Value, short Version)>(StringComparer.Ordinal);
        _log.Replay(partition, _config.OffsetsLoadBufferSize, record =>
        {
            if (record.Key is not { } keyBytes)
            {
                throw new InvalidDataException($"Group metadata/offset entry key should not be null (offset {record.Offset})");
            }

            GroupRecordKey key;
            try
            {
                key = GroupRecordCodec.ReadKey(keyBytes);
            }
            catch (KafkaProtocolException e)
            {
                _logger.LogWarning("Skipping an unreadable record key at offset {Offset} of {Topic}-{Partition}: {Message}", record.Offset, OffsetsTopic.Name, partition, e.Message);
                return;
            }

            switch (key.Kind)
            {
                case GroupRecordKind.Offset:
                    if (record.Value is { } offsetValue)
                    {
                        if (!offsets.TryGetValue(key.Group, out var groupOffsets))
                        {
                            offsets[key.Group] = groupOffsets = [];
                        }

                        groupOffsets[key.Partition] = GroupRecordCodec.ReadOffsetValue(offsetValue);
                    }
                    else if (offsets.TryGetValue(key.Group, out var groupOffsets))
                    {
                        groupOffsets.Remove(key.Partition);
                    }

                    break;

                case GroupRecordKind.GroupMetadata:
                    if (record.Value is { } groupValue)
                    {
                        var value = GroupRecordCodec.ReadGroupValue(groupValue, out var version);
                        metadata[key.Group] = (value, version);
                    }
                    else
                    {
                        metadata.Remove(key.Group);
                    }

                    break;

                default:
                    // Records Kafka's newer coordinators write (consumer-protocol groups, share groups): not ours.
                    break;
            }
        });

        var groups = new List<ClassicGroup>();
        foreach (var (groupId, (value, version)) in metadata)
        {
            groups.Add(LoadGroup(groupId, partition, value, version));
        }

        // Groups that only store offsets (simple consumers, or groups whose metadata record was deleted).
        foreach (var groupId in offsets.Where(o => o.Value.Count > 0 && !metadata.ContainsKey(o.Key)).Select(o => o.Key))
        {
            groups.Add(new ClassicGroup(groupId, partition));
        }

        var total = 0;
        foreach (var group in groups)
        {
            if (offsets.TryGetValue(group.GroupId, out var groupOffsets))
            {
                foreach (var (tp, offset) in groupOffsets)
                {
                    group.SetOffset(tp, offset);
                    total++;
                }
            }
        }

        return (groups, total);
    }

    private static ClassicGroup LoadGroup(string groupId, int partition, GroupMetadataValue value, short version)
    {
        var group = new ClassicGroup(groupId, partition, value.Members.Count == 0 ? GroupState.Empty : GroupState.Stable)
        {
            GenerationId = value.Generation,
            ProtocolType = string.IsNullOrEmpty(value.ProtocolType) ? null : value.ProtocolType,
            ProtocolName = value.Protocol,
            StateTimestamp = value.CurrentStateTimestamp == -1 ? null : value.CurrentStateTimestamp,
        };
        foreach (var m in value.Members)
        {
            var protocols = value.Protocol is { } protocol ? new[] { new GroupProtocol(protocol, m.Subscription) } : [];
            var member = new GroupMember(
                m.MemberId,
                m.GroupInstanceId,
                m.ClientId,
                m.ClientHost,
                version >= 1 ? m.RebalanceTimeout : m.SessionTimeout,
                m.SessionTimeout,
                group.ProtocolType ?? string.Empty,
                protocols)
            {
                Assignment = m.Assignment,
            };
            group.Add(member, null);
        }

        // The leader is restored after the members: adding them would otherwise make the first one leader.
        group.LeaderId = value.Leader;
        group.SubscribedTopics = group.ComputeSubscribedTopics();
        return group;
    }

    private void OnGroupLoaded(ClassicGroup group)
    {
        if (group.MemberCount > _config.GroupMaxSize)
        {
            PrepareRebalance(group, "Freshly-loaded group is over the max group size limit");
        }

        // Members of a loaded Stable group keep their ids and generation: they continue with their next heartbeat,
        // or expire after their session timeout.
        foreach (var member in group.Members)
        {
            ScheduleHeartbeatExpiration(group, member, member.SessionTimeoutMs);
        }
    }

    /// <summary>Gives up a partition: its groups become Dead and their parked requests get NOT_COORDINATOR.</summary>
    private void Resign(OffsetsPartitionState state)
    {
        _owned.TryRemove(new KeyValuePair<int, OffsetsPartitionState>(state.Partition, state));
        state.MarkLoaded();
        var unloaded = 0;
        foreach (var group in _groups.Values.Where(g => g.Partition == state.Partition).ToList())
        {
            lock (group)
            {
                OnGroupUnloaded(group);
            }

            RemoveGroup(group);
            unloaded++;
        }

        _logger.LogInformation("Unloaded {Groups} groups of {Topic}-{Partition}", unloaded, OffsetsTopic.Name, state.Partition);
    }

    private void OnGroupUnloaded(ClassicGroup group)
    {
        var previous = group.State;
        group.TransitionTo(GroupState.Dead, NowMs);
        switch (previous)
        {
            case GroupState.PreparingRebalance:
                foreach (var member in group.Members.ToList())
                {
                    group.MaybeInvokeJoinCallback(member, JoinGroupResult.Failed(member.MemberId, ErrorCode.NotCoordinator));
                }

                break;
            case GroupState.Stable or GroupState.CompletingRebalance:
                foreach (var member in group.Members.ToList())
                {
                    group.MaybeInvokeSyncCallback(member, SyncGroupResult.Failed(ErrorCode.NotCoordinator));
                }

                break;
        }

        group.CancelAllTimers();
    }
}
