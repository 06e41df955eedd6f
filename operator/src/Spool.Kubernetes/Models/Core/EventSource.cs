using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 EventSource.</summary>
public sealed class EventSource : KubernetesModel
{
    [JsonPropertyName("component")]
    public string? Component { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }
}
