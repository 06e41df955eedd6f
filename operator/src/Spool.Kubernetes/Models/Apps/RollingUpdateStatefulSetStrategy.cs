using System.Text.Json.Serialization;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>apps/v1 RollingUpdateStatefulSetStrategy.</summary>
public sealed class RollingUpdateStatefulSetStrategy : KubernetesModel
{
    /// <summary>Pods with an ordinal below the partition keep the old revision.</summary>
    [JsonPropertyName("partition")]
    public int? Partition { get; set; }

    [JsonPropertyName("maxUnavailable")]
    public IntOrString? MaxUnavailable { get; set; }
}
