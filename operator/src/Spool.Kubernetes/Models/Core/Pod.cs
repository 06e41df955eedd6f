using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>v1 Pod.</summary>
public sealed class Pod : KubernetesObject, IKubernetesResource
{
    public Pod()
    {
        ApiVersion = "v1";
        Kind = "Pod";
    }

    public static ResourceType Resource { get; } = new("", "v1", "pods", "Pod", Namespaced: true);

    [JsonPropertyName("spec")]
    public PodSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public PodStatus? Status { get; set; }
}
