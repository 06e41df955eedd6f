using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>The outcome for one member of a LeaveGroup request.</summary>
public sealed record LeaveMemberResult(string MemberId, string? GroupInstanceId, ErrorCode Error);
