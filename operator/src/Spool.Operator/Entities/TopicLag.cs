using System.ComponentModel;

namespace Spool.Operator.Entities;

/// <summary>A group's lag on one topic.</summary>
[Description("Lag of the group on one topic.")]
public sealed class TopicLag
{
    [Description("Topic name.")]
    public string Topic { get; set; } = "";

    [Description("Sum over the topic's partitions of log end offset minus committed offset (partitions without a committed offset are not counted, as in kafka-consumer-groups.sh).")]
    public long Lag { get; set; }

    [Description("Partitions of the topic with a committed offset.")]
    public int CommittedPartitions { get; set; }

    [Description("Partitions of the topic.")]
    public int Partitions { get; set; }
}
