using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>metav1.OwnerReference: the garbage collector deletes the dependent when its owner goes.</summary>
public sealed class OwnerReference : KubernetesModel
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("controller")]
    public bool? Controller { get; set; }

    [JsonPropertyName("blockOwnerDeletion")]
    public bool? BlockOwnerDeletion { get; set; }
}
