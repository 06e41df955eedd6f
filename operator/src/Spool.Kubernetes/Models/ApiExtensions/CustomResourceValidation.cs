using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceValidation; the schema itself passes through as JSON.</summary>
public sealed class CustomResourceValidation : KubernetesModel
{
    [JsonPropertyName("openAPIV3Schema")]
    public JsonObject? OpenApiV3Schema { get; set; }
}
