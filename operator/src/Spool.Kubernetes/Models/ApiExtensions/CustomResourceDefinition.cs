using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinition: enough to list what is served and to apply generated CRDs.</summary>
public sealed class CustomResourceDefinition : KubernetesObject, IKubernetesResource
{
    public CustomResourceDefinition()
    {
        ApiVersion = "apiextensions.k8s.io/v1";
        Kind = "CustomResourceDefinition";
    }

    public static ResourceType Resource { get; } = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false);

    [JsonPropertyName("spec")]
    public CustomResourceDefinitionSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public CustomResourceDefinitionStatus? Status { get; set; }
}
