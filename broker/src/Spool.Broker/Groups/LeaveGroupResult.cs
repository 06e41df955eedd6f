using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>The answer to a LeaveGroup request: a top-level error and one result per named member.</summary>
public sealed record LeaveGroupResult(ErrorCode Error, IReadOnlyList<LeaveMemberResult> Members);
