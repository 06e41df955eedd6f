using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>metav1.Status: the body of every API error and of ERROR watch events.</summary>
public sealed class ApiStatus : KubernetesModel
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ListMeta? Metadata { get; set; }

    /// <summary>"Success" or "Failure".</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Machine-readable reason such as NotFound, AlreadyExists, Conflict, Expired, Gone, Forbidden, Invalid.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("details")]
    public ApiStatusDetails? Details { get; set; }

    [JsonPropertyName("code")]
    public int? Code { get; set; }
}
