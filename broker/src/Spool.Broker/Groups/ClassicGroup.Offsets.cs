using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>The group's committed offsets.</summary>
internal sealed partial class ClassicGroup
{
    private readonly Dictionary<TopicPartition, CommittedOffset> _offsets = [];

    public IReadOnlyDictionary<TopicPartition, CommittedOffset> Offsets => _offsets;

    public bool HasOffsets => _offsets.Count > 0;

    public void SetOffset(TopicPartition partition, CommittedOffset offset) => _offsets[partition] = offset;

    public bool RemoveOffset(TopicPartition partition) => _offsets.Remove(partition);

    public Dictionary<TopicPartition, CommittedOffset> RemoveAllOffsets()
    {
        var removed = new Dictionary<TopicPartition, CommittedOffset>(_offsets);
        _offsets.Clear();
        return removed;
    }

    public Dictionary<TopicPartition, CommittedOffset> RemoveOffsets(IEnumerable<TopicPartition> partitions)
    {
        var removed = new Dictionary<TopicPartition, CommittedOffset>();
        foreach (var tp in partitions)
        {
            if (_offsets.Remove(tp, out var offset))
            {
                removed[tp] = offset;
            }
        }

        return removed;
    }

    /// <summary>
    /// Kafka's offset expiration: an Empty group loses offsets retention after it became empty (or after the
    /// commit, for groups loaded from records without a state timestamp); a Stable consumer group loses offsets
    /// of topics it no longer subscribes to, retention after their commit; a group that only stores offsets loses
    /// each offset retention after its commit. Offsets committed with an explicit expire time (OffsetCommit v2-v4)
    /// expire at that time instead.
    /// </summary>
    public Dictionary<TopicPartition, CommittedOffset> RemoveExpiredOffsets(long nowMs, long retentionMs)
    {
        Func<CommittedOffset, long>? baseTimestamp = null;
        IReadOnlySet<string>? keep = null;
        if (ProtocolType is not null && Is(GroupState.Empty))
        {
            var stateTimestamp = StateTimestamp;
            baseTimestamp = o => stateTimestamp ?? o.CommitTimestamp;
        }
        else if (IsConsumerGroup && SubscribedTopics is not null && Is(GroupState.Stable))
        {
            baseTimestamp = o => o.CommitTimestamp;
            keep = SubscribedTopics;
        }
        else if (ProtocolType is null)
        {
            baseTimestamp = o => o.CommitTimestamp;
        }

        var expired = new Dictionary<TopicPartition, CommittedOffset>();
        if (baseTimestamp is null)
        {
            return expired;
        }

        foreach (var (tp, offset) in _offsets)
        {
            if (keep is not null && keep.Contains(tp.Topic))
            {
                continue;
            }

            var isExpired = offset.ExpireTimestamp is { } expireAt
                ? nowMs >= expireAt
                : nowMs - baseTimestamp(offset) >= retentionMs;
            if (isExpired)
            {
                expired[tp] = offset;
            }
        }

        foreach (var tp in expired.Keys)
        {
            _offsets.Remove(tp);
        }

        return expired;
    }
}
