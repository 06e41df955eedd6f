namespace Spool.Broker.Groups;

/// <summary>A JoinGroup request as the coordinator takes it (version differences already resolved).</summary>
public sealed record JoinGroupRequestArgs(
    string GroupId,
    string MemberId,
    string? GroupInstanceId,
    bool RequireKnownMemberId,
    bool SupportSkippingAssignment,
    string ClientId,
    string ClientHost,
    int RebalanceTimeoutMs,
    int SessionTimeoutMs,
    string ProtocolType,
    IReadOnlyList<GroupProtocol> Protocols,
    string? Reason = null);
