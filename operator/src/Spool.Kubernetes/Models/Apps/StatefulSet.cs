using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>apps/v1 StatefulSet.</summary>
public sealed class StatefulSet : KubernetesObject, IKubernetesResource
{
    public StatefulSet()
    {
        ApiVersion = "apps/v1";
        Kind = "StatefulSet";
    }

    public static ResourceType Resource { get; } = new("apps", "v1", "statefulsets", "StatefulSet", Namespaced: true);

    [JsonPropertyName("spec")]
    public StatefulSetSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public StatefulSetStatus? Status { get; set; }
}
