namespace Spool.Operator.Reconcilers;

/// <summary>Everything one Cluster reconcile learned, from which its status is computed.</summary>
public sealed record ClusterObservation
{
    public long? Generation { get; init; }

    public int Replicas { get; init; }

    public IReadOnlyList<BrokerPod> Pods { get; init; } = [];

    public string? UpdateRevision { get; init; }

    public RollDecision? Roll { get; init; }

    /// <summary>Null when no broker was ready to ask.</summary>
    public ClusterHealth? Health { get; init; }

    public IReadOnlyList<string> InvalidSpec { get; init; } = [];

    public string? StorageChangeRefused { get; init; }

    public string? ApplyFailed { get; init; }

    public string? MonitoringFailed { get; init; }

    public string? BootstrapServers { get; init; }

    public string? Image { get; init; }

    public string? QuorumVoters { get; init; }
}
