using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionSpec.</summary>
public sealed class CustomResourceDefinitionSpec : KubernetesModel
{
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("names")]
    public CustomResourceDefinitionNames? Names { get; set; }

    /// <summary>Namespaced or Cluster.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    [JsonPropertyName("versions")]
    public List<CustomResourceDefinitionVersion>? Versions { get; set; }

    [JsonPropertyName("conversion")]
    public JsonObject? Conversion { get; set; }

    [JsonPropertyName("preserveUnknownFields")]
    public bool? PreserveUnknownFields { get; set; }
}
