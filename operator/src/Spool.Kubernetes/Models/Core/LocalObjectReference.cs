using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 LocalObjectReference.</summary>
public sealed class LocalObjectReference : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
