using System.ComponentModel;
using Spool.Kubernetes.Models;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>What the operator observed of a topic.</summary>
[Description("The observed state of the topic.")]
public sealed class TopicStatus
{
    [Description("The metadata.generation the status describes.")]
    public long? ObservedGeneration { get; set; }

    [ListMapKeys("type")]
    [Description("Ready, Progressing and Degraded, with reasons and messages.")]
    public List<Condition>? Conditions { get; set; }

    [Description("Name of the topic in Kafka.")]
    public string? TopicName { get; set; }

    [Description("The topic's id (UUID in Kafka's base64 form).")]
    public string? TopicId { get; set; }

    [Description("Partitions the topic has in the broker.")]
    public int? Partitions { get; set; }

    [Description("Replicas per partition in the broker.")]
    public int? ReplicationFactor { get; set; }
}
