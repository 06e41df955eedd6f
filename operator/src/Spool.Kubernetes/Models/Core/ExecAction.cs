using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 ExecAction.</summary>
public sealed class ExecAction : KubernetesModel
{
    [JsonPropertyName("command")]
    public List<string>? Command { get; set; }
}
