namespace Spool.Kubernetes.Runtime;

/// <summary>
/// Told about cache changes, in order, on the informer's thread: keep handlers quick (enqueue a key) and never
/// mutate the objects, which are the cached instances.
/// </summary>
public interface IResourceEventHandler<in T>
{
    /// <summary>A new object; <paramref name="isInInitialList"/> while the first list is being loaded.</summary>
    void OnAdd(T value, bool isInInitialList);

    /// <summary>A changed object, or the same object twice on a resync or re-list.</summary>
    void OnUpdate(T oldValue, T newValue);

    /// <summary>A deleted object in its last known state.</summary>
    void OnDelete(T value);
}
