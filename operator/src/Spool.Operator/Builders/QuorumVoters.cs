using System.Globalization;

namespace Spool.Operator.Builders;

/// <summary>controller.quorum.voters from the replica count (ARCHITECTURE.md: the first 1, 3 or 5 pods).</summary>
public static class QuorumVoters
{
    /// <summary>1 for 1-2 replicas, 3 for 3-4, 5 for 5 or more: an odd quorum that tolerates (n-1)/2 failures, capped at 5.</summary>
    public static int Count(int replicas) => replicas switch
    {
        >= 5 => 5,
        >= 3 => 3,
        _ => 1,
    };

    /// <summary>id@host:port for the first <see cref="Count"/> pods, by their stable DNS names.</summary>
    public static string Render(ClusterNames names, int replicas) =>
        string.Join(",", Enumerable.Range(0, Count(replicas)).Select(i =>
            $"{i.ToString(CultureInfo.InvariantCulture)}@{names.PodHost(i)}:{BrokerPorts.Controller.ToString(CultureInfo.InvariantCulture)}"));
}
