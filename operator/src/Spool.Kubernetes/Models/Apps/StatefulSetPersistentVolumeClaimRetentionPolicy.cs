using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apps/v1 StatefulSetPersistentVolumeClaimRetentionPolicy.</summary>
public sealed class StatefulSetPersistentVolumeClaimRetentionPolicy : KubernetesModel
{
    /// <summary>Retain or Delete.</summary>
    [JsonPropertyName("whenDeleted")]
    public string? WhenDeleted { get; set; }

    /// <summary>Retain or Delete.</summary>
    [JsonPropertyName("whenScaled")]
    public string? WhenScaled { get; set; }
}
