using System.Collections.Concurrent;
using Spool.Broker.Configuration;
using Spool.Broker.Metadata;
using Spool.Broker.Partitions;
using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>
/// Kafka's classic group coordinator: membership and rebalances (JoinGroup, SyncGroup, Heartbeat, LeaveGroup),
/// committed offsets, and group administration, for the groups whose __consumer_offsets partition this node
/// leads. State changes are written to that partition in Kafka's record format and replayed from it whenever
/// this node becomes the partition's leader (at start, too).
/// <para>
/// Threading follows Kafka: every group is guarded by its own lock (<c>lock (group)</c>), and the records a
/// change produces are appended under that lock, before the request is answered, so the log and the in-memory
/// state change in the same order. Long-polling JoinGroup and SyncGroup requests await completion sources that
/// rebalances complete (asynchronously, never inline under the lock). Session, rebalance and sync deadlines are
/// timers of the injected <see cref="TimeProvider"/>.
/// </para>
/// </summary>
public sealed partial class GroupCoordinator : IDisposable
{
    /// <summary>How long a new member may take to complete its first join before it is dropped (Kafka's constant).</summary>
    public const int NewMemberJoinTimeoutMs = 5 * 60 * 1000;

    private readonly GroupCoordinatorConfig _config;
    private readonly MetadataManager _metadata;
    private readonly ITopicConfigPolicy _topicConfigs;
    private readonly TimeProvider _time;
    private readonly ILogger<GroupCoordinator> _logger;
    private readonly OffsetsTopicLog _log;
    private readonly ConcurrentDictionary<string, ClassicGroup> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, OffsetsPartitionState> _owned = new();
    private readonly object _ownershipLock = new();
    private volatile bool _active;

    public GroupCoordinator(
        BrokerConfig config,
        MetadataManager metadata,
        ReplicaManager replicas,
        ITopicConfigPolicy topicConfigs,
        TimeProvider time,
        ILogger<GroupCoordinator> logger)
    {
        _config = GroupCoordinatorConfig.From(config);
        _metadata = metadata;
        _topicConfigs = topicConfigs;
        _time = time;
        _logger = logger;
        _log = new OffsetsTopicLog(replicas, metadata.NodeId);
    }

    public GroupCoordinatorConfig Config => _config;

    /// <summary>The __consumer_offsets partition of a group (by the topic's actual partition count once it exists).</summary>
    public int PartitionFor(string groupId)
    {
        var partitions = _metadata.Image.Topics.TryGetValue(OffsetsTopic.Name, out var topic) && topic.Partitions.Count > 0
            ? topic.Partitions.Count
            : _config.OffsetsTopicNumPartitions;
        return OffsetsTopic.PartitionFor(groupId, partitions);
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Kafka's validateGroupStatus: a valid id (OffsetCommit, OffsetFetch, DescribeGroups and DeleteGroups accept
    /// the empty id), a running coordinator, a loaded partition, and this node its leader.
    /// </summary>
    private ErrorCode ValidateGroupStatus(string? groupId, bool allowEmptyId)
    {
        if (groupId is null || (!allowEmptyId && groupId.Length == 0))
        {
            return ErrorCode.InvalidGroupId;
        }

        if (!_active)
        {
            return ErrorCode.CoordinatorNotAvailable;
        }

        if (!_owned.TryGetValue(PartitionFor(groupId), out var partition))
        {
            return ErrorCode.NotCoordinator;
        }

        return partition.IsLoading ? ErrorCode.CoordinatorLoadInProgress : ErrorCode.None;
    }

    private ClassicGroup? GetGroup(string groupId) => _groups.TryGetValue(groupId, out var group) ? group : null;

    private ClassicGroup GetOrCreateGroup(string groupId) =>
        _groups.GetOrAdd(groupId, id => new ClassicGroup(id, PartitionFor(id)) { StateTimestamp = NowMs });

    /// <summary>Removes the group from the cache if it is still this instance (another may have replaced it).</summary>
    private void RemoveGroup(ClassicGroup group) => _groups.TryRemove(new KeyValuePair<string, ClassicGroup>(group.GroupId, group));

    private ITimer CreateTimer(long delayMs, Action callback) =>
        _time.CreateTimer(static state => ((Action)state!)(), callback, TimeSpan.FromMilliseconds(Math.Max(0, delayMs)), Timeout.InfiniteTimeSpan);

    public void Dispose() => Shutdown();
}
