using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 PersistentVolumeClaimSpec.</summary>
public sealed class PersistentVolumeClaimSpec : KubernetesModel
{
    [JsonPropertyName("accessModes")]
    public List<string>? AccessModes { get; set; }

    [JsonPropertyName("resources")]
    public ResourceRequirements? Resources { get; set; }

    [JsonPropertyName("storageClassName")]
    public string? StorageClassName { get; set; }

    [JsonPropertyName("volumeMode")]
    public string? VolumeMode { get; set; }

    [JsonPropertyName("volumeName")]
    public string? VolumeName { get; set; }

    [JsonPropertyName("selector")]
    public LabelSelector? Selector { get; set; }
}
