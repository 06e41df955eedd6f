using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionStatus.</summary>
public sealed class CustomResourceDefinitionStatus : KubernetesModel
{
    [JsonPropertyName("conditions")]
    public List<Condition>? Conditions { get; set; }

    [JsonPropertyName("acceptedNames")]
    public CustomResourceDefinitionNames? AcceptedNames { get; set; }

    [JsonPropertyName("storedVersions")]
    public List<string>? StoredVersions { get; set; }
}
