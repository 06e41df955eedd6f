using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>policy/v1 PodDisruptionBudget.</summary>
public sealed class PodDisruptionBudget : KubernetesObject, IKubernetesResource
{
    public PodDisruptionBudget()
    {
        ApiVersion = "policy/v1";
        Kind = "PodDisruptionBudget";
    }

    public static ResourceType Resource { get; } = new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", Namespaced: true);

    [JsonPropertyName("spec")]
    public PodDisruptionBudgetSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public PodDisruptionBudgetStatus? Status { get; set; }
}
