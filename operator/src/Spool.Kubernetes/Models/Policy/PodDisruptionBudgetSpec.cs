using System.Text.Json.Serialization;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>policy/v1 PodDisruptionBudgetSpec.</summary>
public sealed class PodDisruptionBudgetSpec : KubernetesModel
{
    [JsonPropertyName("minAvailable")]
    public IntOrString? MinAvailable { get; set; }

    [JsonPropertyName("maxUnavailable")]
    public IntOrString? MaxUnavailable { get; set; }

    [JsonPropertyName("selector")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("unhealthyPodEvictionPolicy")]
    public string? UnhealthyPodEvictionPolicy { get; set; }
}
