using System.ComponentModel;
using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>A consumer group: kind ConsumerGroup in spool.dev/v1alpha1.</summary>
[Description("A consumer group of a Spool cluster: state, members and lag in status, lag alert thresholds, and declarative offset resets.")]
[ShortNames("cg", "spcg")]
[PrinterColumn("Cluster", "string", ".spec.clusterRef.name")]
[PrinterColumn("Group", "string", ".status.groupId")]
[PrinterColumn("State", "string", ".status.state")]
[PrinterColumn("Members", "integer", ".status.members")]
[PrinterColumn("Lag", "integer", ".status.totalLag")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", Priority = 1)]
[PrinterColumn("Last-Reset", "string", ".status.lastAppliedResetId", Priority = 1)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class SpoolConsumerGroup : KubernetesObject<ConsumerGroupSpec, ConsumerGroupStatus>, IKubernetesResource
{
    public SpoolConsumerGroup()
    {
        ApiVersion = SpoolApi.ApiVersion;
        Kind = "ConsumerGroup";
    }

    public static ResourceType Resource { get; } = SpoolApi.Resource("consumergroups", "ConsumerGroup");

    /// <summary>The Kafka group.id: spec.groupId, else metadata.name.</summary>
    [JsonIgnore]
    public string GroupId => string.IsNullOrEmpty(Spec?.GroupId) ? Metadata.Name ?? "" : Spec.GroupId;
}
