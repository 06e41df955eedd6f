using Spool.Cli.Output;
using Spool.Client;
using Spool.Client.Admin;
using Spool.Protocol;

namespace Spool.Cli.Commands.Groups;

/// <summary>Reads a group's state, members, committed offsets and the log end offsets behind its lag.</summary>
internal static class GroupInspector
{
    public const string Dead = "Dead";

    /// <summary>The group's description; state "Dead" with no members when it does not exist (GROUP_ID_NOT_FOUND from DescribeGroups v6+).</summary>
    public static async Task<ConsumerGroupDescription> DescribeAsync(KafkaAdminClient admin, string groupId, CancellationToken cancellationToken)
    {
        var description = (await admin.DescribeConsumerGroupsAsync([groupId], cancellationToken: cancellationToken))[0];
        return description.Error switch
        {
            null => description,
            { Error: ErrorCode.GroupIdNotFound } => new ConsumerGroupDescription(groupId, Dead, "", "", [], null, null),
            { } error => throw error,
        };
    }

    /// <summary>Committed offsets by partition (only partitions with an offset).</summary>
    public static async Task<Dictionary<TopicPartition, long>> CommittedAsync(KafkaAdminClient admin, string groupId, CancellationToken cancellationToken)
    {
        var committed = await admin.ListConsumerGroupOffsetsAsync(groupId, cancellationToken: cancellationToken);
        return committed.Where(c => c.Error is null && c.Offset >= 0).ToDictionary(c => c.TopicPartition, c => c.Offset);
    }

    /// <summary>
    /// Offsets of the given partitions by spec (earliest, latest, a timestamp); partitions whose lookup failed
    /// (a deleted topic) are absent.
    /// </summary>
    public static async Task<Dictionary<TopicPartition, long>> ListOffsetsAsync(
        KafkaAdminClient admin, IEnumerable<TopicPartition> partitions, Func<TopicPartition, OffsetSpec> spec, CancellationToken cancellationToken)
    {
        var specs = partitions.Distinct().ToDictionary(p => p, spec);
        if (specs.Count == 0)
        {
            return [];
        }

        var listed = await admin.ListOffsetsAsync(specs, cancellationToken: cancellationToken);
        return listed.Where(l => l.Error is null).ToDictionary(l => l.TopicPartition, l => l.Offset);
    }

    /// <summary>The full picture kafka-consumer-groups.sh --describe shows; null when the group does not exist.</summary>
    public static async Task<GroupDetailJson?> DetailAsync(KafkaAdminClient admin, string groupId, CancellationToken cancellationToken)
    {
        var description = await DescribeAsync(admin, groupId, cancellationToken);
        var committed = await CommittedAsync(admin, groupId, cancellationToken);
        if (description.State == Dead && description.Members.Count == 0 && committed.Count == 0)
        {
            return null;
        }

        var owners = new Dictionary<TopicPartition, MemberDescription>();
        foreach (var member in description.Members)
        {
            foreach (var partition in member.Assignment)
            {
                owners[partition] = member;
            }
        }

        var partitions = committed.Keys.Union(owners.Keys).OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList();
        var ends = await ListOffsetsAsync(admin, partitions, _ => OffsetSpec.Latest, cancellationToken);
        var offsets = partitions.Select(p =>
        {
            long? current = committed.TryGetValue(p, out var c) ? c : null;
            long? end = ends.TryGetValue(p, out var e) && e >= 0 ? e : null;
            var owner = owners.GetValueOrDefault(p);
            return new PartitionLagJson(p.Topic, p.Partition, current, end, current is { } o && end is { } x ? Math.Max(0, x - o) : null, owner?.MemberId, owner?.ClientId, owner?.Host);
        }).ToList();

        var coordinator = description.Coordinator is { } node ? new BrokerJson(node.NodeId, node.Host, node.Port, node.Rack) : null;
        var members = description.Members.Select(m => new GroupMemberJson(
            m.MemberId,
            m.GroupInstanceId,
            m.ClientId,
            m.Host,
            [.. m.Assignment.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).Select(p => new TopicPartitionJson(p.Topic, p.Partition))])).ToList();
        return new GroupDetailJson(
            groupId, description.State, description.ProtocolType, description.PartitionAssignor, coordinator, members, offsets, offsets.Sum(o => o.Lag ?? 0));
    }
}
