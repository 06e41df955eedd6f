namespace Spool.Kubernetes.Runtime;

/// <summary>Drives one object toward its desired state.</summary>
public interface IReconciler<T>
    where T : class
{
    /// <summary>Throwing counts as an error and retries the key with backoff.</summary>
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest<T> request, CancellationToken cancellationToken);
}
