using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 PodSpec: what the operator sets on broker pods; scheduling constraints pass through as JSON.</summary>
public sealed class PodSpec : KubernetesModel
{
    [JsonPropertyName("initContainers")]
    public List<Container>? InitContainers { get; set; }

    [JsonPropertyName("containers")]
    public List<Container>? Containers { get; set; }

    [JsonPropertyName("volumes")]
    public List<Volume>? Volumes { get; set; }

    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; set; }

    [JsonPropertyName("automountServiceAccountToken")]
    public bool? AutomountServiceAccountToken { get; set; }

    [JsonPropertyName("terminationGracePeriodSeconds")]
    public long? TerminationGracePeriodSeconds { get; set; }

    [JsonPropertyName("securityContext")]
    public PodSecurityContext? SecurityContext { get; set; }

    [JsonPropertyName("affinity")]
    public JsonObject? Affinity { get; set; }

    [JsonPropertyName("tolerations")]
    public List<JsonObject>? Tolerations { get; set; }

    [JsonPropertyName("nodeSelector")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    [JsonPropertyName("topologySpreadConstraints")]
    public List<JsonObject>? TopologySpreadConstraints { get; set; }

    [JsonPropertyName("priorityClassName")]
    public string? PriorityClassName { get; set; }

    [JsonPropertyName("restartPolicy")]
    public string? RestartPolicy { get; set; }

    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("subdomain")]
    public string? Subdomain { get; set; }

    [JsonPropertyName("dnsPolicy")]
    public string? DnsPolicy { get; set; }

    [JsonPropertyName("enableServiceLinks")]
    public bool? EnableServiceLinks { get; set; }

    [JsonPropertyName("imagePullSecrets")]
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }
}
