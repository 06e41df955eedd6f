using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 ContainerStatus; state details pass through as JSON.</summary>
public sealed class ContainerStatus : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("ready")]
    public bool? Ready { get; set; }

    [JsonPropertyName("started")]
    public bool? Started { get; set; }

    [JsonPropertyName("restartCount")]
    public int? RestartCount { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("imageID")]
    public string? ImageId { get; set; }

    [JsonPropertyName("state")]
    public JsonObject? State { get; set; }

    [JsonPropertyName("lastState")]
    public JsonObject? LastState { get; set; }
}
