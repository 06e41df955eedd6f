using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Runtime;

/// <summary>namespace/name of an object (namespace null for cluster-scoped): the unit of work of a controller.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public static ObjectKey Of(IKubernetesObject value) =>
        new(string.IsNullOrEmpty(value.Metadata.Namespace) ? null : value.Metadata.Namespace, value.Metadata.Name ?? "");

    /// <summary>Parses "namespace/name" or "name".</summary>
    public static ObjectKey Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new ObjectKey(null, key) : new ObjectKey(key[..slash], key[(slash + 1)..]);
    }

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
