using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 SleepAction.</summary>
public sealed class SleepAction : KubernetesModel
{
    [JsonPropertyName("seconds")]
    public long? Seconds { get; set; }
}
