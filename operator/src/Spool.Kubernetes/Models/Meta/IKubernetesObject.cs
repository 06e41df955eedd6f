namespace Spool.Kubernetes.Models;

/// <summary>An object with apiVersion, kind and metadata: what the client and the runtime need to address it.</summary>
public interface IKubernetesObject
{
    string? ApiVersion { get; set; }

    string? Kind { get; set; }

    ObjectMeta Metadata { get; set; }
}
