namespace Spool.Client.Admin;

/// <summary>A group as listed. The state and type are empty when the broker's ListGroups is older than v4/v5.</summary>
public sealed record ConsumerGroupListing(string GroupId, string ProtocolType, string State, string Type, int Coordinator)
{
    /// <summary>A group that only stores offsets (no members ever joined with a protocol).</summary>
    public bool IsSimpleConsumerGroup => ProtocolType.Length == 0;
}
