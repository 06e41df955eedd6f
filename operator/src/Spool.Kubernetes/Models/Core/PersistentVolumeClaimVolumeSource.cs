using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 PersistentVolumeClaimVolumeSource.</summary>
public sealed class PersistentVolumeClaimVolumeSource : KubernetesModel
{
    [JsonPropertyName("claimName")]
    public string? ClaimName { get; set; }

    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; set; }
}
