using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 PersistentVolumeClaimStatus.</summary>
public sealed class PersistentVolumeClaimStatus : KubernetesModel
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("accessModes")]
    public List<string>? AccessModes { get; set; }

    [JsonPropertyName("capacity")]
    public Dictionary<string, string>? Capacity { get; set; }

    [JsonPropertyName("conditions")]
    public List<Condition>? Conditions { get; set; }
}
