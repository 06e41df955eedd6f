using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 SeccompProfile.</summary>
public sealed class SeccompProfile : KubernetesModel
{
    /// <summary>RuntimeDefault, Localhost or Unconfined.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("localhostProfile")]
    public string? LocalhostProfile { get; set; }
}
