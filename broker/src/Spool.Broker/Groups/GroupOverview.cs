namespace Spool.Broker.Groups;

/// <summary>A group as ListGroups reports it.</summary>
public sealed record GroupOverview(string GroupId, string ProtocolType, GroupState State);
