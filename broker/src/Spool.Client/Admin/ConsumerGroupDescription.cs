using Spool.Client.Metadata;

namespace Spool.Client.Admin;

/// <summary>A described group: state (Empty, PreparingRebalance, CompletingRebalance, Stable, Dead), protocol and members.</summary>
public sealed record ConsumerGroupDescription(
    string GroupId,
    string State,
    string ProtocolType,
    string PartitionAssignor,
    IReadOnlyList<MemberDescription> Members,
    BrokerNode? Coordinator,
    KafkaException? Error) : IAdminResult
{
    public bool IsSimpleConsumerGroup => ProtocolType.Length == 0;
}
