namespace Spool.Broker.Groups;

/// <summary>A SyncGroup request as the coordinator takes it; the assignments come from the leader only.</summary>
public sealed record SyncGroupRequestArgs(
    string GroupId,
    int GenerationId,
    string MemberId,
    string? GroupInstanceId,
    string? ProtocolType,
    string? ProtocolName,
    IReadOnlyDictionary<string, byte[]> Assignments);
