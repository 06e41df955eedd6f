using Spool.Client.Consumer.Groups;

namespace Spool.Client.Consumer;

/// <summary>Consumer group membership: subscribing to topics and sharing their partitions with the group's other members.</summary>
public sealed partial class KafkaConsumer
{
    /// <summary>
    /// Joins <c>group.id</c> consuming <paramref name="topics"/>: the group's members share the partitions, and
    /// rebalances (run inside <see cref="PollAsync"/>) move them as members come and go. Calling it again
    /// changes the topics (and rebalances).
    /// </summary>
    public void Subscribe(IEnumerable<string> topics, IConsumerRebalanceListener? listener = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var list = topics.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("subscribe to at least one topic; use UnsubscribeAsync to stop", nameof(topics));
        }

        if (_group is null && _subscriptions.Assigned.Count > 0)
        {
            throw new InvalidOperationException("subscribing to topics and assigning partitions manually are mutually exclusive");
        }

        _group ??= new GroupMembership(_core, _options, _subscriptions, ApplyAssignment, (offsets, ct) => CommitAsync(offsets, ct));
        _group.Subscribe(list, listener);
    }

    /// <summary>The subscribed topics (empty with manual assignment).</summary>
    public IReadOnlyList<string> Subscription => _group?.Topics ?? [];

    /// <summary>The group membership (generation, member id), or null when not subscribed.</summary>
    public ConsumerGroupMetadata? GroupMetadata => _group?.Metadata;

    /// <summary>Commits (with auto-commit), revokes every partition and leaves the group.</summary>
    public async Task UnsubscribeAsync(CancellationToken cancellationToken = default)
    {
        if (_group is not { } group)
        {
            return;
        }

        await group.CloseAsync(cancellationToken);
        await group.DisposeAsync();
        _group = null;
    }
}
