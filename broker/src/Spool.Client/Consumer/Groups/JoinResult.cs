namespace Spool.Client.Consumer.Groups;

/// <summary>A completed JoinGroup + SyncGroup round: the membership and this member's assignment.</summary>
internal sealed record JoinResult(
    string MemberId,
    int Generation,
    string Protocol,
    bool IsLeader,
    IReadOnlyList<TopicPartition> Assignment,
    IReadOnlyDictionary<string, int>? LeaderTopicSnapshot);
