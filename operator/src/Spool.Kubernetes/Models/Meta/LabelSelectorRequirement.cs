using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>One matchExpressions entry: key, operator (In, NotIn, Exists, DoesNotExist), values.</summary>
public sealed class LabelSelectorRequirement : KubernetesModel
{
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("operator")]
    public string? Operator { get; set; }

    [JsonPropertyName("values")]
    public List<string>? Values { get; set; }
}
