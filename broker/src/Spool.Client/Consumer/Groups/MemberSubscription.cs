namespace Spool.Client.Consumer.Groups;

/// <summary>What the group leader knows about a member when assigning: its topics and what it owns now.</summary>
public sealed record MemberSubscription(
    IReadOnlyList<string> Topics,
    IReadOnlyList<TopicPartition> OwnedPartitions,
    int Generation,
    string? RackId,
    string? GroupInstanceId);
