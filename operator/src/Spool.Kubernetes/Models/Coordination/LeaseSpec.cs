using System.Text.Json.Serialization;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 LeaseSpec.</summary>
public sealed class LeaseSpec : KubernetesModel
{
    [JsonPropertyName("holderIdentity")]
    public string? HolderIdentity { get; set; }

    [JsonPropertyName("leaseDurationSeconds")]
    public int? LeaseDurationSeconds { get; set; }

    [JsonPropertyName("acquireTime")]
    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    [JsonPropertyName("renewTime")]
    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }

    [JsonPropertyName("leaseTransitions")]
    public int? LeaseTransitions { get; set; }
}
