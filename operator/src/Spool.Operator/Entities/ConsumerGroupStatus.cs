using System.ComponentModel;
using System.Text.Json.Serialization;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>What the operator observed of a group.</summary>
[Description("The observed state of the consumer group.")]
public sealed class ConsumerGroupStatus
{
    [Description("The metadata.generation the status describes.")]
    public long? ObservedGeneration { get; set; }

    [ListMapKeys("type")]
    [Description("Ready, Progressing and Degraded, with reasons and messages.")]
    public List<Condition>? Conditions { get; set; }

    [Description("The Kafka group.id.")]
    public string? GroupId { get; set; }

    [Description("Group state from the coordinator: Empty, Stable, PreparingRebalance, CompletingRebalance or Dead (no such group).")]
    public string? State { get; set; }

    [Description("Active members.")]
    public int? Members { get; set; }

    [Description("Records committed offsets are behind the log end, per topic.")]
    public List<TopicLag>? Lag { get; set; }

    [Description("Sum of the lag over every reported topic.")]
    public long? TotalLag { get; set; }

    [Description("requestId of the last offset reset applied.")]
    public string? LastAppliedResetId { get; set; }

    [Description("When the last offset reset was applied.")]
    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? LastResetTime { get; set; }
}
