namespace Spool.Broker.Groups;

/// <summary>A member named in a LeaveGroup request: by member id, or (administratively) by instance id alone.</summary>
public sealed record LeavingMember(string MemberId, string? GroupInstanceId, string? Reason = null);
