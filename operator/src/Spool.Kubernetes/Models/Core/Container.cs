using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 Container.</summary>
public sealed class Container : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("imagePullPolicy")]
    public string? ImagePullPolicy { get; set; }

    [JsonPropertyName("command")]
    public List<string>? Command { get; set; }

    [JsonPropertyName("args")]
    public List<string>? Args { get; set; }

    [JsonPropertyName("workingDir")]
    public string? WorkingDir { get; set; }

    [JsonPropertyName("env")]
    public List<EnvVar>? Env { get; set; }

    [JsonPropertyName("envFrom")]
    public List<JsonObject>? EnvFrom { get; set; }

    [JsonPropertyName("ports")]
    public List<ContainerPort>? Ports { get; set; }

    [JsonPropertyName("resources")]
    public ResourceRequirements? Resources { get; set; }

    [JsonPropertyName("startupProbe")]
    public Probe? StartupProbe { get; set; }

    [JsonPropertyName("readinessProbe")]
    public Probe? ReadinessProbe { get; set; }

    [JsonPropertyName("livenessProbe")]
    public Probe? LivenessProbe { get; set; }

    [JsonPropertyName("lifecycle")]
    public Lifecycle? Lifecycle { get; set; }

    [JsonPropertyName("securityContext")]
    public SecurityContext? SecurityContext { get; set; }

    [JsonPropertyName("volumeMounts")]
    public List<VolumeMount>? VolumeMounts { get; set; }
}
