using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>GET /api/v1 or /apis/{group}/{version}: the resources served in that group version.</summary>
public sealed class ApiResourceList : KubernetesModel
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("groupVersion")]
    public string? GroupVersion { get; set; }

    [JsonPropertyName("resources")]
    public List<ApiResource>? Resources { get; set; }
}
