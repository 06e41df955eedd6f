using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>metav1.StatusDetails.</summary>
public sealed class ApiStatusDetails : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("causes")]
    public List<ApiStatusCause>? Causes { get; set; }

    [JsonPropertyName("retryAfterSeconds")]
    public int? RetryAfterSeconds { get; set; }
}
