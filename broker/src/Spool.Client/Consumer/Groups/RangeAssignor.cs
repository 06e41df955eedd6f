namespace Spool.Client.Consumer.Groups;

/// <summary>
/// Java's <c>range</c> assignor: per topic, the subscribed members in order each get a consecutive range of
/// partitions; the first (partitions % members) get one more.
/// </summary>
public sealed class RangeAssignor : IPartitionAssignor
{
    public string Name => "range";

    public RebalanceProtocol Protocol => RebalanceProtocol.Eager;

    public IReadOnlyDictionary<string, IReadOnlyList<TopicPartition>> Assign(
        IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyDictionary<string, MemberSubscription> members)
    {
        ArgumentNullException.ThrowIfNull(partitionsPerTopic);
        ArgumentNullException.ThrowIfNull(members);
        var assignment = AssignorOrdering.Empty(members);
        var order = AssignorOrdering.Members(members);
        foreach (var (topic, count) in partitionsPerTopic.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var subscribed = order.Where(m => members[m].Topics.Contains(topic)).ToList();
            if (subscribed.Count == 0)
            {
                continue;
            }

            var each = count / subscribed.Count;
            var extra = count % subscribed.Count;
            var next = 0;
            for (var i = 0; i < subscribed.Count; i++)
            {
                var take = each + (i < extra ? 1 : 0);
                for (var p = next; p < next + take; p++)
                {
                    assignment[subscribed[i]].Add(new TopicPartition(topic, p));
                }

                next += take;
            }
        }

        return AssignorOrdering.Freeze(assignment);
    }
}
