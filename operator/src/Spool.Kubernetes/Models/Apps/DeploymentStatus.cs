using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apps/v1 DeploymentStatus.</summary>
public sealed class DeploymentStatus : KubernetesModel
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; set; }

    [JsonPropertyName("updatedReplicas")]
    public int? UpdatedReplicas { get; set; }

    [JsonPropertyName("availableReplicas")]
    public int? AvailableReplicas { get; set; }

    [JsonPropertyName("unavailableReplicas")]
    public int? UnavailableReplicas { get; set; }

    [JsonPropertyName("conditions")]
    public List<Condition>? Conditions { get; set; }
}
