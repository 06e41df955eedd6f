using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 PodTemplateSpec.</summary>
public sealed class PodTemplateSpec : KubernetesModel
{
    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public PodSpec? Spec { get; set; }
}
