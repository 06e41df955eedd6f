namespace Spool.Kubernetes.Runtime;

/// <summary>An <see cref="IResourceEventHandler{T}"/> from delegates.</summary>
public sealed class ResourceEventHandler<T>(Action<T>? onAdd = null, Action<T, T>? onUpdate = null, Action<T>? onDelete = null)
    : IResourceEventHandler<T>
{
    public void OnAdd(T value, bool isInInitialList) => onAdd?.Invoke(value);

    public void OnUpdate(T oldValue, T newValue) => onUpdate?.Invoke(oldValue, newValue);

    public void OnDelete(T value) => onDelete?.Invoke(value);
}
