using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>metav1.LabelSelector.</summary>
public sealed class LabelSelector : KubernetesModel
{
    [JsonPropertyName("matchLabels")]
    public Dictionary<string, string>? MatchLabels { get; set; }

    [JsonPropertyName("matchExpressions")]
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}
