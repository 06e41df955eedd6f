namespace Spool.Client.Consumer.Groups;

/// <summary>
/// Member order shared by the assignors: static members by group instance id, then dynamic members by member
/// id, as the Java assignors sort them, so that static members keep their partitions across restarts.
/// </summary>
internal static class AssignorOrdering
{
    public static List<string> Members(IReadOnlyDictionary<string, MemberSubscription> members) =>
        [.. members
            .OrderBy(m => m.Value.GroupInstanceId is null ? 1 : 0)
            .ThenBy(m => m.Value.GroupInstanceId ?? m.Key, StringComparer.Ordinal)
            .ThenBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => m.Key)];

    public static Dictionary<string, List<TopicPartition>> Empty(IReadOnlyDictionary<string, MemberSubscription> members) =>
        members.Keys.ToDictionary(m => m, _ => new List<TopicPartition>(), StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, IReadOnlyList<TopicPartition>> Freeze(Dictionary<string, List<TopicPartition>> assignment) =>
        assignment.ToDictionary(a => a.Key, a => (IReadOnlyList<TopicPartition>)a.Value, StringComparer.Ordinal);
}
