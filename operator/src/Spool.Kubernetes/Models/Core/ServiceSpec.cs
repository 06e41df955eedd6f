using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 ServiceSpec.</summary>
public sealed class ServiceSpec : KubernetesModel
{
    /// <summary>ClusterIP, NodePort, LoadBalancer or ExternalName.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>"None" makes a headless Service (stable pod DNS names for a StatefulSet).</summary>
    [JsonPropertyName("clusterIP")]
    public string? ClusterIP { get; set; }

    [JsonPropertyName("clusterIPs")]
    public List<string>? ClusterIPs { get; set; }

    [JsonPropertyName("selector")]
    public Dictionary<string, string>? Selector { get; set; }

    [JsonPropertyName("ports")]
    public List<ServicePort>? Ports { get; set; }

    [JsonPropertyName("publishNotReadyAddresses")]
    public bool? PublishNotReadyAddresses { get; set; }

    [JsonPropertyName("sessionAffinity")]
    public string? SessionAffinity { get; set; }

    [JsonPropertyName("externalTrafficPolicy")]
    public string? ExternalTrafficPolicy { get; set; }

    [JsonPropertyName("internalTrafficPolicy")]
    public string? InternalTrafficPolicy { get; set; }

    [JsonPropertyName("ipFamilyPolicy")]
    public string? IpFamilyPolicy { get; set; }

    [JsonPropertyName("loadBalancerClass")]
    public string? LoadBalancerClass { get; set; }

    [JsonPropertyName("loadBalancerSourceRanges")]
    public List<string>? LoadBalancerSourceRanges { get; set; }
}
