using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 Event: the API that kubectl describe reads ("Events:" section), with count-based aggregation.</summary>
public sealed class Event : KubernetesObject, IKubernetesResource
{
    public Event()
    {
        ApiVersion = "v1";
        Kind = "Event";
    }

    public static ResourceType Resource { get; } = new("", "v1", "events", "Event", Namespaced: true);

    [JsonPropertyName("involvedObject")]
    public ObjectReference? InvolvedObject { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Normal or Warning.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("count")]
    public int? Count { get; set; }

    [JsonPropertyName("firstTimestamp")]
    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? FirstTimestamp { get; set; }

    [JsonPropertyName("lastTimestamp")]
    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? LastTimestamp { get; set; }

    [JsonPropertyName("eventTime")]
    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTimeOffset? EventTime { get; set; }

    [JsonPropertyName("source")]
    public EventSource? Source { get; set; }

    [JsonPropertyName("reportingComponent")]
    public string? ReportingComponent { get; set; }

    [JsonPropertyName("reportingInstance")]
    public string? ReportingInstance { get; set; }

    [JsonPropertyName("action")]
    public string? Action { get; set; }
}
