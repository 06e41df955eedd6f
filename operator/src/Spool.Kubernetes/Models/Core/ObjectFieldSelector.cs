using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 ObjectFieldSelector.</summary>
public sealed class ObjectFieldSelector : KubernetesModel
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("fieldPath")]
    public string? FieldPath { get; set; }
}
