using System.Text.Json.Serialization;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>metav1.ObjectMeta without managedFields (kept as extension data on reads).</summary>
public sealed class ObjectMeta : KubernetesModel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("generateName")]
    public string? GenerateName { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    [JsonPropertyName("generation")]
    public long? Generation { get; set; }

    [JsonPropertyName("creationTimestamp")]
    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? CreationTimestamp { get; set; }

    /// <summary>Set when deletion was requested; the object lingers while finalizers remain.</summary>
    [JsonPropertyName("deletionTimestamp")]
    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? DeletionTimestamp { get; set; }

    [JsonPropertyName("deletionGracePeriodSeconds")]
    public long? DeletionGracePeriodSeconds { get; set; }

    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("ownerReferences")]
    public List<OwnerReference>? OwnerReferences { get; set; }

    [JsonPropertyName("finalizers")]
    public List<string>? Finalizers { get; set; }
}
