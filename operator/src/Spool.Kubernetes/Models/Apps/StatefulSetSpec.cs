using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apps/v1 StatefulSetSpec.</summary>
public sealed class StatefulSetSpec : KubernetesModel
{
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("selector")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("serviceName")]
    public string? ServiceName { get; set; }

    [JsonPropertyName("template")]
    public PodTemplateSpec? Template { get; set; }

    [JsonPropertyName("volumeClaimTemplates")]
    public List<PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }

    [JsonPropertyName("updateStrategy")]
    public StatefulSetUpdateStrategy? UpdateStrategy { get; set; }

    /// <summary>OrderedReady or Parallel.</summary>
    [JsonPropertyName("podManagementPolicy")]
    public string? PodManagementPolicy { get; set; }

    [JsonPropertyName("revisionHistoryLimit")]
    public int? RevisionHistoryLimit { get; set; }

    [JsonPropertyName("minReadySeconds")]
    public int? MinReadySeconds { get; set; }

    [JsonPropertyName("persistentVolumeClaimRetentionPolicy")]
    public StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }
}
