using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>A served version of a group.</summary>
public sealed class GroupVersionForDiscovery : KubernetesModel
{
    [JsonPropertyName("groupVersion")]
    public string? GroupVersion { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }
}
