using System.Text.Json.Serialization;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>metav1.Condition, also read for workload conditions (extra fields such as lastProbeTime are kept as extension data).</summary>
public sealed class Condition : KubernetesModel
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>"True", "False" or "Unknown".</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("lastTransitionTime")]
    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
