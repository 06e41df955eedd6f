using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 PodSecurityContext.</summary>
public sealed class PodSecurityContext : KubernetesModel
{
    [JsonPropertyName("runAsUser")]
    public long? RunAsUser { get; set; }

    [JsonPropertyName("runAsGroup")]
    public long? RunAsGroup { get; set; }

    [JsonPropertyName("runAsNonRoot")]
    public bool? RunAsNonRoot { get; set; }

    [JsonPropertyName("fsGroup")]
    public long? FsGroup { get; set; }

    [JsonPropertyName("fsGroupChangePolicy")]
    public string? FsGroupChangePolicy { get; set; }

    [JsonPropertyName("supplementalGroups")]
    public List<long>? SupplementalGroups { get; set; }

    [JsonPropertyName("seccompProfile")]
    public SeccompProfile? SeccompProfile { get; set; }
}
