using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 ContainerPort.</summary>
public sealed class ContainerPort : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("containerPort")]
    public int? Port { get; set; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }

    [JsonPropertyName("hostPort")]
    public int? HostPort { get; set; }
}
