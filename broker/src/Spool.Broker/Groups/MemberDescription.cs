using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>
/// A member as the query API and DescribeGroups report it. <see cref="Metadata"/> is the member's metadata for
/// the selected protocol (empty while none is selected); <see cref="AssignedPartitions"/> is its assignment read
/// with the consumer protocol (empty for other protocol types).
/// </summary>
public sealed record MemberDescription(
    string MemberId,
    string? GroupInstanceId,
    string ClientId,
    string ClientHost,
    int SessionTimeoutMs,
    int RebalanceTimeoutMs,
    byte[] Metadata,
    byte[] Assignment,
    IReadOnlyList<TopicPartition> AssignedPartitions);
