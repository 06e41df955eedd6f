using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apps/v1 StatefulSetStatus.</summary>
public sealed class StatefulSetStatus : KubernetesModel
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; set; }

    [JsonPropertyName("currentReplicas")]
    public int? CurrentReplicas { get; set; }

    [JsonPropertyName("updatedReplicas")]
    public int? UpdatedReplicas { get; set; }

    [JsonPropertyName("availableReplicas")]
    public int? AvailableReplicas { get; set; }

    [JsonPropertyName("currentRevision")]
    public string? CurrentRevision { get; set; }

    [JsonPropertyName("updateRevision")]
    public string? UpdateRevision { get; set; }

    [JsonPropertyName("collisionCount")]
    public int? CollisionCount { get; set; }

    [JsonPropertyName("conditions")]
    public List<Condition>? Conditions { get; set; }
}
