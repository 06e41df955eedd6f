using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apps/v1 DeploymentSpec.</summary>
public sealed class DeploymentSpec : KubernetesModel
{
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("selector")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("template")]
    public PodTemplateSpec? Template { get; set; }

    [JsonPropertyName("strategy")]
    public JsonObject? Strategy { get; set; }

    [JsonPropertyName("minReadySeconds")]
    public int? MinReadySeconds { get; set; }

    [JsonPropertyName("revisionHistoryLimit")]
    public int? RevisionHistoryLimit { get; set; }
}
