namespace Spool.Cli.Output;

/// <summary><c>spool groups describe</c>: state, members with their assignments, and per-partition offsets and lag.</summary>
public sealed record GroupDetailJson(
    string GroupId,
    string State,
    string ProtocolType,
    string Assignor,
    BrokerJson? Coordinator,
    IReadOnlyList<GroupMemberJson> Members,
    IReadOnlyList<PartitionLagJson> Offsets,
    long TotalLag);
