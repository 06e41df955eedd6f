using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>One served resource (or subresource, named "plural/subresource").</summary>
public sealed class ApiResource : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("singularName")]
    public string? SingularName { get; set; }

    [JsonPropertyName("namespaced")]
    public bool Namespaced { get; set; }

    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("verbs")]
    public List<string>? Verbs { get; set; }

    [JsonPropertyName("shortNames")]
    public List<string>? ShortNames { get; set; }

    [JsonPropertyName("categories")]
    public List<string>? Categories { get; set; }
}
