using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 ResourceRequirements (and VolumeResourceRequirements): quantities as strings ("500m", "1Gi").</summary>
public sealed class ResourceRequirements : KubernetesModel
{
    [JsonPropertyName("limits")]
    public Dictionary<string, string>? Limits { get; set; }

    [JsonPropertyName("requests")]
    public Dictionary<string, string>? Requests { get; set; }
}
