namespace Spool.Kubernetes.Runtime;

/// <summary>
/// The key to reconcile and the object as the cache holds it now (null once it is deleted). Reconciles are level
/// triggered: they compare desired and actual state and never depend on which event woke them.
/// </summary>
public sealed record ReconcileRequest<T>(ObjectKey Key, T? Object)
    where T : class;
