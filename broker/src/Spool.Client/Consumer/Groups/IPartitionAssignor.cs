namespace Spool.Client.Consumer.Groups;

/// <summary>
/// A partition assignment strategy (<c>partition.assignment.strategy</c>), run by the group leader. Names must
/// match other clients' (<c>range</c>, <c>roundrobin</c>, <c>cooperative-sticky</c>) so mixed groups agree.
/// </summary>
public interface IPartitionAssignor
{
    string Name { get; }

    RebalanceProtocol Protocol { get; }

    /// <summary>
    /// Assigns the partitions of subscribed topics (<paramref name="partitionsPerTopic"/>: topic to partition
    /// count, only topics that exist) to members (by member id). Every member must get an entry.
    /// </summary>
    IReadOnlyDictionary<string, IReadOnlyList<TopicPartition>> Assign(
        IReadOnlyDictionary<string, int> partitionsPerTopic,
        IReadOnlyDictionary<string, MemberSubscription> members);
}
