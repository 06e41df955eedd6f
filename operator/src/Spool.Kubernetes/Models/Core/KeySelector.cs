using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 ConfigMapKeySelector / SecretKeySelector (same shape).</summary>
public sealed class KeySelector : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
