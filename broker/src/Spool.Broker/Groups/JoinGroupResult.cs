using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>What a JoinGroup request is answered with (Kafka's JoinGroupResult).</summary>
public sealed record JoinGroupResult(
    IReadOnlyList<JoinedMember> Members,
    string MemberId,
    int GenerationId,
    string? ProtocolType,
    string? ProtocolName,
    string LeaderId,
    bool SkipAssignment,
    ErrorCode Error)
{
    /// <summary>An error answer: no generation (-1), no protocol, no leader.</summary>
    public static JoinGroupResult Failed(string memberId, ErrorCode error) =>
        new([], memberId, -1, null, null, string.Empty, false, error);
}
