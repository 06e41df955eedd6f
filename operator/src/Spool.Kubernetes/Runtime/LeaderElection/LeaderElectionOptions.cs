namespace Spool.Kubernetes.Runtime;

/// <summary>client-go's LeaderElectionConfig for a coordination.k8s.io/v1 Lease lock.</summary>
public sealed record LeaderElectionOptions
{
    public required string Namespace { get; init; }

    /// <summary>The Lease name, shared by all replicas.</summary>
    public required string Name { get; init; }

    /// <summary>Unique per replica (the pod name).</summary>
    public required string Identity { get; init; }

    /// <summary>How long non-leaders wait after the last observed change before taking over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying a failed renewal before it gives up leadership.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>On cancellation, hand the lease back (empty holder) so a standby takes over at once instead of after expiry.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    /// <summary>Runs while leading; its token is cancelled when leadership ends, and it is awaited before the lease is released.</summary>
    public Func<CancellationToken, Task>? OnStartedLeading { get; init; }

    /// <summary>Called once the leading work has finished, before the lease is released.</summary>
    public Action? OnStoppedLeading { get; init; }

    /// <summary>Called when the observed holder changes (including to this replica).</summary>
    public Action<string>? OnNewLeader { get; init; }

    internal void Validate()
    {
        if (LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException("LeaseDuration must be greater than RenewDeadline.");
        }

        if (RenewDeadline <= RetryPeriod * 1.2)
        {
            throw new ArgumentException("RenewDeadline must be greater than 1.2 × RetryPeriod.");
        }

        if (string.IsNullOrEmpty(Identity))
        {
            throw new ArgumentException("Identity is required.");
        }
    }
}
