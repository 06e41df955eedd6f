using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 HTTPGetAction.</summary>
public sealed class HttpGetAction : KubernetesModel
{
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("port")]
    public IntOrString? Port { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }

    [JsonPropertyName("scheme")]
    public string? Scheme { get; set; }

    [JsonPropertyName("httpHeaders")]
    public List<JsonObject>? HttpHeaders { get; set; }
}
