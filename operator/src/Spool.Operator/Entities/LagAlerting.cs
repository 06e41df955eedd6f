using System.ComponentModel;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>One group's lag alert thresholds.</summary>
[Description("Lag alert thresholds of one group. Set at least one of maxLagRecords and maxLagSeconds; the other keeps the Cluster's default.")]
public sealed class LagAlerting
{
    [Minimum(0)]
    [Description("Alert when the group lags more records than this on a topic.")]
    public long? MaxLagRecords { get; set; }

    [Minimum(0)]
    [Description("Alert when the next record the group has to consume on a topic is older than this many seconds.")]
    public long? MaxLagSeconds { get; set; }

    [Pattern(Durations.Pattern)]
    [Description("How long the lag must stay above the threshold before the alert fires (Prometheus duration); the rules' default (5m) when omitted.")]
    public string? For { get; set; }

    [Defaulted]
    [Description("Severity label of the group's alerts.")]
    public AlertSeverity Severity { get; set; } = AlertSeverity.Warning;
}
