using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 Lease, the leader-election lock.</summary>
public sealed class Lease : KubernetesObject, IKubernetesResource
{
    public Lease()
    {
        ApiVersion = "coordination.k8s.io/v1";
        Kind = "Lease";
    }

    public static ResourceType Resource { get; } = new("coordination.k8s.io", "v1", "leases", "Lease", Namespaced: true);

    [JsonPropertyName("spec")]
    public LeaseSpec? Spec { get; set; }
}
