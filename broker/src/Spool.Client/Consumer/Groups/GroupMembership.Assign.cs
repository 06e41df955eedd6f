using Spool.Client.Internal;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Consumer.Groups;

/// <summary>The consumer protocol's subscriptions and the leader's assignment.</summary>
internal sealed partial class GroupMembership
{
    /// <summary>The leader's part: run the chosen assignor over every member's subscription.</summary>
    private async Task<(List<SyncGroupRequest.SyncGroupRequestAssignment>, IReadOnlyDictionary<string, int>)> AssignAsync(
        string protocol, List<JoinGroupResponse.JoinGroupResponseMember> members, CancellationToken lifetime)
    {
        var assignor = _options.PartitionAssignmentStrategy.FirstOrDefault(a => a.Name == protocol)
            ?? throw new KafkaException(ErrorCode.InconsistentGroupProtocol, $"the coordinator chose assignor {protocol}, which this consumer does not have");
        var subscriptions = members.ToDictionary(
            m => m.MemberId,
            m => ToMemberSubscription(ConsumerProtocol.Decode<ConsumerProtocolSubscription>(m.Metadata), m.GroupInstanceId),
            StringComparer.Ordinal);
        var topics = subscriptions.Values.SelectMany(s => s.Topics).Distinct(StringComparer.Ordinal).ToList();
        var metadata = await _core.Metadata.RefreshAsync(topics, lifetime);
        var partitionsPerTopic = topics
            .Select(t => metadata.Topic(t))
            .Where(t => t is { Error: ErrorCode.None, Partitions.Count: > 0 })
            .ToDictionary(t => t!.Name, t => t!.Partitions.Count, StringComparer.Ordinal);
        var assignment = assignor.Assign(partitionsPerTopic, subscriptions);
        var encoded = subscriptions.Keys.Select(member => new SyncGroupRequest.SyncGroupRequestAssignment
        {
            MemberId = member,
            Assignment = ConsumerProtocol.Encode(
                new ConsumerProtocolAssignment
                {
                    AssignedPartitions = [.. (assignment.GetValueOrDefault(member) ?? []).GroupBy(p => p.Topic).Select(g => new ConsumerProtocolAssignment.TopicPartition
                    {
                        Topic = g.Key,
                        Partitions = [.. g.Select(p => p.Partition).Order()],
                    })],
                },
                ConsumerProtocolAssignment.HighestVersion),
        }).ToList();
        return (encoded, partitionsPerTopic);
    }

    private byte[] EncodeSubscription(IReadOnlyList<string> topics, IReadOnlyCollection<TopicPartition> owned, int generation) =>
        ConsumerProtocol.Encode(
            new ConsumerProtocolSubscription
            {
                Topics = [.. topics.Order(StringComparer.Ordinal)],
                OwnedPartitions = [.. owned.GroupBy(p => p.Topic).Select(g => new ConsumerProtocolSubscription.TopicPartition
                {
                    Topic = g.Key,
                    Partitions = [.. g.Select(p => p.Partition).Order()],
                })],
                GenerationId = generation,
                RackId = string.IsNullOrEmpty(_options.ClientRack) ? null : _options.ClientRack,
            },
            ConsumerProtocolSubscription.HighestVersion);

    private static MemberSubscription ToMemberSubscription(ConsumerProtocolSubscription? subscription, string? groupInstanceId) =>
        subscription is null
            ? new MemberSubscription([], [], -1, null, groupInstanceId)
            : new MemberSubscription(
                subscription.Topics,
                [.. subscription.OwnedPartitions.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p)))],
                subscription.GenerationId,
                subscription.RackId,
                groupInstanceId);
}
