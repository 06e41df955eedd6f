using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>corev1.ObjectReference, the involvedObject of an Event.</summary>
public sealed class ObjectReference : KubernetesModel
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    [JsonPropertyName("fieldPath")]
    public string? FieldPath { get; set; }
}
