using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionVersion.</summary>
public sealed class CustomResourceDefinitionVersion : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("served")]
    public bool? Served { get; set; }

    [JsonPropertyName("storage")]
    public bool? Storage { get; set; }

    [JsonPropertyName("deprecated")]
    public bool? Deprecated { get; set; }

    [JsonPropertyName("deprecationWarning")]
    public string? DeprecationWarning { get; set; }

    [JsonPropertyName("schema")]
    public CustomResourceValidation? Schema { get; set; }

    /// <summary>For example {"status": {}}.</summary>
    [JsonPropertyName("subresources")]
    public JsonObject? Subresources { get; set; }

    [JsonPropertyName("additionalPrinterColumns")]
    public List<CustomResourceColumnDefinition>? AdditionalPrinterColumns { get; set; }

    [JsonPropertyName("selectableFields")]
    public JsonArray? SelectableFields { get; set; }
}
