namespace Spool.Client.Admin;

/// <summary>A member of a group and, for consumer groups, the partitions assigned to it.</summary>
public sealed record MemberDescription(string MemberId, string? GroupInstanceId, string ClientId, string Host, IReadOnlyList<TopicPartition> Assignment);
