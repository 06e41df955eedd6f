using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 ConfigMapVolumeSource.</summary>
public sealed class ConfigMapVolumeSource : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("items")]
    public List<KeyToPath>? Items { get; set; }

    [JsonPropertyName("defaultMode")]
    public int? DefaultMode { get; set; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
