namespace Spool.Broker.Groups;

/// <summary>A member as the leader sees it in its JoinGroup response: id, instance id and protocol metadata.</summary>
public sealed record JoinedMember(string MemberId, string? GroupInstanceId, byte[] Metadata);
