using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 SecurityContext (container level).</summary>
public sealed class SecurityContext : KubernetesModel
{
    [JsonPropertyName("runAsUser")]
    public long? RunAsUser { get; set; }

    [JsonPropertyName("runAsGroup")]
    public long? RunAsGroup { get; set; }

    [JsonPropertyName("runAsNonRoot")]
    public bool? RunAsNonRoot { get; set; }

    [JsonPropertyName("readOnlyRootFilesystem")]
    public bool? ReadOnlyRootFilesystem { get; set; }

    [JsonPropertyName("allowPrivilegeEscalation")]
    public bool? AllowPrivilegeEscalation { get; set; }

    [JsonPropertyName("privileged")]
    public bool? Privileged { get; set; }

    [JsonPropertyName("capabilities")]
    public Capabilities? Capabilities { get; set; }

    [JsonPropertyName("seccompProfile")]
    public SeccompProfile? SeccompProfile { get; set; }
}
