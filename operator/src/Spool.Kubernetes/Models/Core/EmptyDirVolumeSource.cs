using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 EmptyDirVolumeSource.</summary>
public sealed class EmptyDirVolumeSource : KubernetesModel
{
    [JsonPropertyName("medium")]
    public string? Medium { get; set; }

    [JsonPropertyName("sizeLimit")]
    public string? SizeLimit { get; set; }
}
