using System.ComponentModel;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>A Kafka topic of a cluster.</summary>
[Description("A topic of a Spool cluster, kept in line with this spec through the Kafka admin API.")]
public sealed class TopicSpec
{
    /// <summary>Kafka's legal topic names: [a-zA-Z0-9._-], at most 249 characters, not "." or "..".</summary>
    public const string NamePattern = @"^([a-zA-Z0-9._-]*[a-zA-Z0-9_-][a-zA-Z0-9._-]*|\.\.\.+)$";

    [Required]
    [Description("The Cluster that holds the topic.")]
    public ClusterReference ClusterRef { get; set; } = new();

    [Pattern(NamePattern)]
    [Length(1, 249)]
    [Description("Name of the topic in Kafka; defaults to metadata.name. Letters, digits, '.', '_' and '-', at most 249 characters, not '.' or '..'. Cannot change once the topic exists.")]
    public string? TopicName { get; set; }

    [Defaulted]
    [Minimum(1)]
    [Maximum(100000)]
    [Description("Number of partitions. Raising it adds partitions; Kafka cannot remove partitions, so a lower value is refused in status and the topic is left as it is.")]
    public int Partitions { get; set; } = 1;

    [Minimum(1)]
    [Maximum(32767)]
    [Description("Replicas per partition; the broker's default.replication.factor when omitted. Cannot change once the topic exists.")]
    public int? ReplicationFactor { get; set; }

    [Description("Topic configs by their Kafka names (retention.ms, cleanup.policy, max.message.bytes, ...). Values are strings: quote numbers. Configs set on the topic outside this resource are removed on the next reconcile.")]
    public Dictionary<string, string>? Config { get; set; }
}
