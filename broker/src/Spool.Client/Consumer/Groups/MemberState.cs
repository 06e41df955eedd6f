namespace Spool.Client.Consumer.Groups;

/// <summary>Where the consumer stands in its group.</summary>
internal enum MemberState
{
    Unjoined,
    Rebalancing,
    Stable,
}
