using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>metav1.ListMeta: the list's resourceVersion (to start a watch from) and the pagination token.</summary>
public sealed class ListMeta : KubernetesModel
{
    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    [JsonPropertyName("continue")]
    public string? Continue { get; set; }

    [JsonPropertyName("remainingItemCount")]
    public long? RemainingItemCount { get; set; }
}
