using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 EnvVar: a literal value or a reference.</summary>
public sealed class EnvVar : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("valueFrom")]
    public EnvVarSource? ValueFrom { get; set; }
}
