using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionNames.</summary>
public sealed class CustomResourceDefinitionNames : KubernetesModel
{
    [JsonPropertyName("plural")]
    public string? Plural { get; set; }

    [JsonPropertyName("singular")]
    public string? Singular { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("listKind")]
    public string? ListKind { get; set; }

    [JsonPropertyName("shortNames")]
    public List<string>? ShortNames { get; set; }

    [JsonPropertyName("categories")]
    public List<string>? Categories { get; set; }
}
