using System.Text.Json.Serialization;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 PodStatus.</summary>
public sealed class PodStatus : KubernetesModel
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("conditions")]
    public List<Condition>? Conditions { get; set; }

    [JsonPropertyName("podIP")]
    public string? PodIP { get; set; }

    [JsonPropertyName("hostIP")]
    public string? HostIP { get; set; }

    [JsonPropertyName("startTime")]
    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? StartTime { get; set; }

    [JsonPropertyName("containerStatuses")]
    public List<ContainerStatus>? ContainerStatuses { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
