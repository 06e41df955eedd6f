using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>The core group's discovery document (GET /api).</summary>
public sealed class ApiVersions : KubernetesModel
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("versions")]
    public List<string>? Versions { get; set; }
}
