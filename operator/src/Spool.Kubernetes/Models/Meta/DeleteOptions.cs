using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>metav1.DeleteOptions, sent as the body of DELETE.</summary>
public sealed class DeleteOptions : KubernetesModel
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Background, Foreground or Orphan (see <see cref="Client.PropagationPolicy"/>).</summary>
    [JsonPropertyName("propagationPolicy")]
    public string? PropagationPolicy { get; set; }

    [JsonPropertyName("gracePeriodSeconds")]
    public long? GracePeriodSeconds { get; set; }

    [JsonPropertyName("preconditions")]
    public Preconditions? Preconditions { get; set; }

    [JsonPropertyName("dryRun")]
    public List<string>? DryRun { get; set; }
}
