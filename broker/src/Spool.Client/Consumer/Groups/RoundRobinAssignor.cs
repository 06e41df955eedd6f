namespace Spool.Client.Consumer.Groups;

/// <summary>
/// Java's <c>roundrobin</c> assignor: every partition of every subscribed topic, in (topic, partition) order,
/// goes to the next member in turn that subscribes to its topic.
/// </summary>
public sealed class RoundRobinAssignor : IPartitionAssignor
{
    public string Name => "roundrobin";

    public RebalanceProtocol Protocol => RebalanceProtocol.Eager;

    public IReadOnlyDictionary<string, IReadOnlyList<TopicPartition>> Assign(
        IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyDictionary<string, MemberSubscription> members)
    {
        ArgumentNullException.ThrowIfNull(partitionsPerTopic);
        ArgumentNullException.ThrowIfNull(members);
        var assignment = AssignorOrdering.Empty(members);
        var order = AssignorOrdering.Members(members);
        if (order.Count == 0)
        {
            return AssignorOrdering.Freeze(assignment);
        }

        var cursor = 0;
        foreach (var (topic, count) in partitionsPerTopic.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!order.Any(m => members[m].Topics.Contains(topic)))
            {
                continue;
            }

            for (var p = 0; p < count; p++)
            {
                while (!members[order[cursor % order.Count]].Topics.Contains(topic))
                {
                    cursor++;
                }

                assignment[order[cursor % order.Count]].Add(new TopicPartition(topic, p));
                cursor++;
            }
        }

        return AssignorOrdering.Freeze(assignment);
    }
}
