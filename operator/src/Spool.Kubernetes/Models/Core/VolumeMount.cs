using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 VolumeMount.</summary>
public sealed class VolumeMount : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("mountPath")]
    public string? MountPath { get; set; }

    [JsonPropertyName("subPath")]
    public string? SubPath { get; set; }

    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; set; }
}
