using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 EnvVarSource.</summary>
public sealed class EnvVarSource : KubernetesModel
{
    /// <summary>Downward API, for example metadata.name for the pod's ordinal name.</summary>
    [JsonPropertyName("fieldRef")]
    public ObjectFieldSelector? FieldRef { get; set; }

    [JsonPropertyName("configMapKeyRef")]
    public KeySelector? ConfigMapKeyRef { get; set; }

    [JsonPropertyName("secretKeyRef")]
    public KeySelector? SecretKeyRef { get; set; }

    [JsonPropertyName("resourceFieldRef")]
    public JsonObject? ResourceFieldRef { get; set; }
}
