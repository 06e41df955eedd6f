using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>Common envelope of every API object.</summary>
public abstract class KubernetesObject : KubernetesModel, IKubernetesObject
{
    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(-3)]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    [JsonPropertyOrder(-2)]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    [JsonPropertyOrder(-1)]
    public ObjectMeta Metadata { get; set; } = new();
}
