using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apps/v1 StatefulSetUpdateStrategy.</summary>
public sealed class StatefulSetUpdateStrategy : KubernetesModel
{
    /// <summary>RollingUpdate or OnDelete.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("rollingUpdate")]
    public RollingUpdateStatefulSetStrategy? RollingUpdate { get; set; }
}
