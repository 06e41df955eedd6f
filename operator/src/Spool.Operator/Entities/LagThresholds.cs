using System.ComponentModel;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>A cluster's default consumer lag thresholds.</summary>
[Description("Default consumer lag alert thresholds of the cluster.")]
public sealed class LagThresholds
{
    [Defaulted]
    [Minimum(1)]
    [Description("Alert when a group lags more records than this on a topic.")]
    public long MaxLagRecords { get; set; } = 10000;

    [Defaulted]
    [Minimum(1)]
    [Description("Alert when the next record a group has to consume on a topic is older than this many seconds.")]
    public long MaxLagSeconds { get; set; } = 300;

    [Defaulted]
    [Description("Severity label of these alerts.")]
    public AlertSeverity Severity { get; set; } = AlertSeverity.Warning;
}
