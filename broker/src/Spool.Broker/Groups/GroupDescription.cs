using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>
/// A read-only snapshot of one group for metrics, the CLI and the operator: state, generation, protocol, leader,
/// members and committed offsets. <see cref="StateTimestamp"/> is when the group entered its state (ms since the
/// epoch), when known.
/// </summary>
public sealed record GroupDescription(
    string GroupId,
    GroupState State,
    string? ProtocolType,
    string? ProtocolName,
    int GenerationId,
    string? LeaderId,
    long? StateTimestamp,
    IReadOnlyList<MemberDescription> Members,
    IReadOnlyDictionary<TopicPartition, CommittedOffset> Offsets)
{
    /// <summary>Kafka's group type for ListGroups v5 and DescribeGroups: every group here is a classic group.</summary>
    public const string ClassicType = "classic";
}
