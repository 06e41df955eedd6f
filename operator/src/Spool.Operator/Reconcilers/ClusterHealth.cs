namespace Spool.Operator.Reconcilers;

/// <summary>What the brokers said about themselves through the admin API.</summary>
public sealed record ClusterHealth(bool Reachable, string? ClusterId, int Brokers, int UnderReplicatedPartitions, int OfflinePartitions, string? Error)
{
    public static ClusterHealth Unreachable(string error) => new(false, null, 0, 0, 0, error);

    public bool Healthy => Reachable && UnderReplicatedPartitions == 0 && OfflinePartitions == 0;
}
