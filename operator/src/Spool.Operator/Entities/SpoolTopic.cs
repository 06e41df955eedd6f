using System.ComponentModel;
using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>A topic: kind Topic in spool.dev/v1alpha1. Deleting it deletes the Kafka topic unless annotated <c>spool.dev/deletion-policy: retain</c>.</summary>
[Description("A Kafka topic of a Spool cluster. Deleting the resource deletes the topic unless it is annotated spool.dev/deletion-policy: retain.")]
[ShortNames("spt", "spooltopic")]
[PrinterColumn("Cluster", "string", ".spec.clusterRef.name")]
[PrinterColumn("Topic", "string", ".status.topicName")]
[PrinterColumn("Partitions", "integer", ".status.partitions")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason")]
[PrinterColumn("Topic-ID", "string", ".status.topicId", Priority = 1)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class SpoolTopic : KubernetesObject<TopicSpec, TopicStatus>, IKubernetesResource
{
    /// <summary>Annotation that keeps the Kafka topic when the resource is deleted (value <c>retain</c>).</summary>
    public const string DeletionPolicyAnnotation = "spool.dev/deletion-policy";

    public SpoolTopic()
    {
        ApiVersion = SpoolApi.ApiVersion;
        Kind = "Topic";
    }

    public static ResourceType Resource { get; } = SpoolApi.Resource("topics", "Topic");

    /// <summary>The Kafka name: spec.topicName, else metadata.name.</summary>
    [JsonIgnore]
    public string KafkaName => string.IsNullOrEmpty(Spec?.TopicName) ? Metadata.Name ?? "" : Spec.TopicName;

    [JsonIgnore]
    public bool RetainsOnDelete =>
        Metadata.Annotations?.TryGetValue(DeletionPolicyAnnotation, out var policy) == true &&
        string.Equals(policy, "retain", StringComparison.OrdinalIgnoreCase);
}
