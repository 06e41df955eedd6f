using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>Delete only if the object still has this uid and/or resourceVersion.</summary>
public sealed class Preconditions : KubernetesModel
{
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }
}
