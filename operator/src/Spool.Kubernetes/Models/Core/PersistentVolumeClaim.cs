using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>v1 PersistentVolumeClaim (also the element type of volumeClaimTemplates).</summary>
public sealed class PersistentVolumeClaim : KubernetesObject, IKubernetesResource
{
    public PersistentVolumeClaim()
    {
        ApiVersion = "v1";
        Kind = "PersistentVolumeClaim";
    }

    public static ResourceType Resource { get; } = new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", Namespaced: true);

    [JsonPropertyName("spec")]
    public PersistentVolumeClaimSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public PersistentVolumeClaimStatus? Status { get; set; }
}
