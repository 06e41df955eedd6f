namespace Spool.Kubernetes.Client;

/// <summary>How deletion treats dependents (objects whose ownerReferences point at the deleted one).</summary>
public static class PropagationPolicy
{
    /// <summary>Delete now; the garbage collector deletes dependents afterwards.</summary>
    public const string Background = "Background";

    /// <summary>The owner stays (with a foregroundDeletion finalizer) until dependents with blockOwnerDeletion are gone.</summary>
    public const string Foreground = "Foreground";

    /// <summary>Dependents are kept and their ownerReferences to this object removed.</summary>
    public const string Orphan = "Orphan";
}
