using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>v1 ConfigMap.</summary>
public sealed class ConfigMap : KubernetesObject, IKubernetesResource
{
    public ConfigMap()
    {
        ApiVersion = "v1";
        Kind = "ConfigMap";
    }

    public static ResourceType Resource { get; } = new("", "v1", "configmaps", "ConfigMap", Namespaced: true);

    [JsonPropertyName("data")]
    public Dictionary<string, string>? Data { get; set; }

    /// <summary>Base64 strings, as on the wire.</summary>
    [JsonPropertyName("binaryData")]
    public Dictionary<string, string>? BinaryData { get; set; }

    [JsonPropertyName("immutable")]
    public bool? Immutable { get; set; }
}
