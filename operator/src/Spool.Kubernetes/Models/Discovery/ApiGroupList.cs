using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>GET /apis: every served API group.</summary>
public sealed class ApiGroupList : KubernetesModel
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("groups")]
    public List<ApiGroup>? Groups { get; set; }
}
