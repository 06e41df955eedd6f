using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 SecretVolumeSource.</summary>
public sealed class SecretVolumeSource : KubernetesModel
{
    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    [JsonPropertyName("items")]
    public List<KeyToPath>? Items { get; set; }

    [JsonPropertyName("defaultMode")]
    public int? DefaultMode { get; set; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
