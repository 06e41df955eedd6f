using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>metav1.StatusCause, for example a validation failure on one field.</summary>
public sealed class ApiStatusCause : KubernetesModel
{
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("field")]
    public string? Field { get; set; }
}
