using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 Capabilities.</summary>
public sealed class Capabilities : KubernetesModel
{
    [JsonPropertyName("add")]
    public List<string>? Add { get; set; }

    [JsonPropertyName("drop")]
    public List<string>? Drop { get; set; }
}
