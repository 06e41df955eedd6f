using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 Lifecycle.</summary>
public sealed class Lifecycle : KubernetesModel
{
    [JsonPropertyName("postStart")]
    public LifecycleHandler? PostStart { get; set; }

    /// <summary>Runs before SIGTERM, for a controlled broker shutdown.</summary>
    [JsonPropertyName("preStop")]
    public LifecycleHandler? PreStop { get; set; }
}
