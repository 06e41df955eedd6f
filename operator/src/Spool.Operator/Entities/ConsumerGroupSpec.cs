using System.ComponentModel;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>A consumer group the operator watches, alerts on and can reset.</summary>
[Description("A consumer group of a Spool cluster: its state and lag are reported in status, its lag thresholds become alert rules, and resetOffsets replays it declaratively.")]
public sealed class ConsumerGroupSpec
{
    [Required]
    [Description("The Cluster the group consumes from.")]
    public ClusterReference ClusterRef { get; set; } = new();

    [Length(1, 255)]
    [Description("The Kafka group.id; defaults to metadata.name.")]
    public string? GroupId { get; set; }

    [Description("Topics to report lag for (and to reset when resetOffsets lists none); defaults to every topic the group has committed offsets for.")]
    public List<string>? Topics { get; set; }

    [Description("Lag alert thresholds of this group, rendered into the Cluster's PrometheusRule; the Cluster's defaults apply when omitted.")]
    public LagAlerting? LagAlerting { get; set; }

    [Description("A declarative offset reset, applied once per requestId and only while the group has no active members.")]
    public OffsetReset? ResetOffsets { get; set; }
}
