using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>policy/v1 PodDisruptionBudgetStatus.</summary>
public sealed class PodDisruptionBudgetStatus : KubernetesModel
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("currentHealthy")]
    public int? CurrentHealthy { get; set; }

    [JsonPropertyName("desiredHealthy")]
    public int? DesiredHealthy { get; set; }

    [JsonPropertyName("disruptionsAllowed")]
    public int? DisruptionsAllowed { get; set; }

    [JsonPropertyName("expectedPods")]
    public int? ExpectedPods { get; set; }

    [JsonPropertyName("conditions")]
    public List<Condition>? Conditions { get; set; }
}
