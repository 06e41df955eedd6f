using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Client;

/// <summary>A page of a list call.</summary>
public sealed class KubernetesList<T>
    where T : class
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    /// <summary>resourceVersion to watch from, and the continue token when more pages remain.</summary>
    public ListMeta Metadata { get; set; } = new();

    public List<T> Items { get; } = [];
}
