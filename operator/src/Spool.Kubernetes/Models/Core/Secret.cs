using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>v1 Secret (minimal). Data values are bytes; JSON carries them as base64.</summary>
public sealed class Secret : KubernetesObject, IKubernetesResource
{
    public Secret()
    {
        ApiVersion = "v1";
        Kind = "Secret";
    }

    public static ResourceType Resource { get; } = new("", "v1", "secrets", "Secret", Namespaced: true);

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("data")]
    public Dictionary<string, byte[]>? Data { get; set; }

    /// <summary>Write-only convenience: the server merges it into data.</summary>
    [JsonPropertyName("stringData")]
    public Dictionary<string, string>? StringData { get; set; }

    [JsonPropertyName("immutable")]
    public bool? Immutable { get; set; }
}
