using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>
/// The read-only query API for metrics, the CLI and the operator: consistent per-group snapshots of the groups
/// this node coordinates, without the protocol's error handling.
/// </summary>
public sealed partial class GroupCoordinator
{
    /// <summary>Every group this node coordinates (loaded partitions only), ordered by id.</summary>
    public IReadOnlyList<GroupDescription> DescribeAll()
    {
        var result = new List<GroupDescription>();
        foreach (var group in _groups.Values)
        {
            lock (group)
            {
                if (!group.Is(GroupState.Dead))
                {
                    result.Add(Snapshot(group));
                }
            }
        }

        return result.OrderBy(g => g.GroupId, StringComparer.Ordinal).ToList();
    }

    /// <summary>One group, or null when this node does not coordinate a group of that id.</summary>
    public GroupDescription? Describe(string groupId)
    {
        var group = GetGroup(groupId);
        if (group is null)
        {
            return null;
        }

        lock (group)
        {
            return group.Is(GroupState.Dead) ? null : Snapshot(group);
        }
    }

    /// <summary>The group's committed offsets (empty when the group is unknown here).</summary>
    public IReadOnlyDictionary<TopicPartition, CommittedOffset> GetCommittedOffsets(string groupId) =>
        Describe(groupId)?.Offsets ?? new Dictionary<TopicPartition, CommittedOffset>();

    /// <summary>True when this node leads the group's __consumer_offsets partition and has loaded it.</summary>
    public bool IsCoordinatorFor(string groupId) =>
        _active && _owned.TryGetValue(PartitionFor(groupId), out var partition) && !partition.IsLoading;

    /// <summary>Completes when every __consumer_offsets partition this node leads has been loaded.</summary>
    public Task WhenLoadedAsync() => Task.WhenAll(_owned.Values.Select(p => p.Loaded));
}
