using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>One API group and its versions.</summary>
public sealed class ApiGroup : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("versions")]
    public List<GroupVersionForDiscovery>? Versions { get; set; }

    [JsonPropertyName("preferredVersion")]
    public GroupVersionForDiscovery? PreferredVersion { get; set; }
}
