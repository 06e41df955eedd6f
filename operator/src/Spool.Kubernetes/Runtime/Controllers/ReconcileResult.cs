namespace Spool.Kubernetes.Runtime;

/// <summary>What the controller does with the key after a reconcile that did not throw.</summary>
public readonly record struct ReconcileResult(bool Requeue, TimeSpan? RequeueAfter)
{
    /// <summary>Converged: forget the key's backoff; it is reconciled again on the next change (or resync).</summary>
    public static ReconcileResult Done => default;

    /// <summary>Not yet converged: try again with the key's growing backoff.</summary>
    public static ReconcileResult RequeueWithBackoff => new(true, null);

    /// <summary>Come back after a fixed delay (polling something outside the API, such as broker health).</summary>
    public static ReconcileResult After(TimeSpan delay) => new(false, delay);
}
