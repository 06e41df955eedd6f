using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 KeyToPath.</summary>
public sealed class KeyToPath : KubernetesModel
{
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("mode")]
    public int? Mode { get; set; }
}
