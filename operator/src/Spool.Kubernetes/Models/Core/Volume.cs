using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 Volume: the sources the operator uses.</summary>
public sealed class Volume : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("configMap")]
    public ConfigMapVolumeSource? ConfigMap { get; set; }

    [JsonPropertyName("secret")]
    public SecretVolumeSource? Secret { get; set; }

    [JsonPropertyName("persistentVolumeClaim")]
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }

    [JsonPropertyName("emptyDir")]
    public EmptyDirVolumeSource? EmptyDir { get; set; }

    [JsonPropertyName("projected")]
    public JsonObject? Projected { get; set; }
}
