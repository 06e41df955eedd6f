namespace Spool.Client.Consumer.Groups;

/// <summary>
/// The <c>cooperative-sticky</c> assignor (KIP-429): balanced like round-robin, but members keep the
/// partitions they own as far as balance allows, and a partition that changes owner is first only revoked
/// (left unassigned this round) and handed to its new owner in the follow-up rebalance, so no partition is
/// ever consumed by two members at once. Ownership claims come from the members' subscriptions; when two
/// members claim one partition the higher generation wins.
/// </summary>
public sealed class CooperativeStickyAssignor : IPartitionAssignor
{
    public string Name => "cooperative-sticky";

    public RebalanceProtocol Protocol => RebalanceProtocol.Cooperative;

    public IReadOnlyDictionary<string, IReadOnlyList<TopicPartition>> Assign(
        IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyDictionary<string, MemberSubscription> members)
    {
        ArgumentNullException.ThrowIfNull(partitionsPerTopic);
        ArgumentNullException.ThrowIfNull(members);
        var assignment = AssignorOrdering.Empty(members);
        var order = AssignorOrdering.Members(members);
        var rank = order.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);
        var all = partitionsPerTopic
            .Where(t => members.Values.Any(m => m.Topics.Contains(t.Key)))
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .SelectMany(t => Enumerable.Range(0, t.Value).Select(p => new TopicPartition(t.Key, p)))
            .ToList();
        if (order.Count == 0 || all.Count == 0)
        {
            return AssignorOrdering.Freeze(assignment);
        }

        var owners = CurrentOwners(partitionsPerTopic, members);
        var minQuota = all.Count / order.Count;
        var maxSlots = all.Count % order.Count;

        // Members owning the most keep the larger quota first, so fewer partitions move.
        var kept = new HashSet<TopicPartition>();
        foreach (var member in order.OrderByDescending(m => owners.Count(o => o.Value == m)).ThenBy(m => rank[m]))
        {
            var owned = owners.Where(o => o.Value == member).Select(o => o.Key).OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList();
            var quota = minQuota;
            if (owned.Count > minQuota && maxSlots > 0)
            {
                quota++;
                maxSlots--;
            }

            foreach (var partition in owned.Take(quota))
            {
                assignment[member].Add(partition);
                kept.Add(partition);
            }
        }

        foreach (var partition in all.Where(p => !kept.Contains(p)))
        {
            var target = order
                .Where(m => members[m].Topics.Contains(partition.Topic))
                .OrderBy(m => assignment[m].Count)
                .ThenBy(m => rank[m])
                .First();
            assignment[target].Add(partition);
        }

        // A partition still owned by someone else is only revoked now; it is assigned in the next rebalance.
        foreach (var (member, partitions) in assignment)
        {
            partitions.RemoveAll(p => owners.TryGetValue(p, out var owner) && owner != member);
        }

        return AssignorOrdering.Freeze(assignment);
    }

    private static Dictionary<TopicPartition, string> CurrentOwners(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyDictionary<string, MemberSubscription> members)
    {
        var claims = members
            .SelectMany(m => m.Value.OwnedPartitions
                .Where(p => m.Value.Topics.Contains(p.Topic) && partitionsPerTopic.TryGetValue(p.Topic, out var count) && p.Partition >= 0 && p.Partition < count)
                .Select(p => (Partition: p, Member: m.Key, m.Value.Generation)))
            .GroupBy(c => c.Partition);
        var owners = new Dictionary<TopicPartition, string>();
        foreach (var claim in claims)
        {
            var newest = claim.Max(c => c.Generation);
            var winners = claim.Where(c => c.Generation == newest).ToList();
            if (winners.Count == 1)
            {
                owners[claim.Key] = winners[0].Member;
            }
        }

        return owners;
    }
}
