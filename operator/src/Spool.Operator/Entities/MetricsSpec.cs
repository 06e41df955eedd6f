using System.ComponentModel;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>Prometheus Operator objects of a cluster.</summary>
[Description("Prometheus Operator integration. The ServiceMonitor and PrometheusRule are created only when the monitoring.coreos.com CRDs are served by the API server.")]
public sealed class MetricsSpec
{
    [Defaulted]
    [Description("Create a ServiceMonitor that scrapes every broker's /metrics (port 9644) and labels the series with namespace and cluster.")]
    public bool ServiceMonitor { get; set; } = true;

    [Defaulted]
    [Description("Create a PrometheusRule with Spool's alerts for this cluster, including the lag thresholds of its ConsumerGroups.")]
    public bool PrometheusRule { get; set; } = true;

    [Defaulted]
    [Pattern(Durations.Pattern)]
    [Description("Scrape interval of the ServiceMonitor (Prometheus duration).")]
    public string ScrapeInterval { get; set; } = "30s";

    [Description("Extra labels of the ServiceMonitor and PrometheusRule, for the Prometheus's serviceMonitorSelector and ruleSelector (for example release: prometheus).")]
    public Dictionary<string, string>? Labels { get; set; }

    [Defaulted]
    [Description("Lag thresholds of consumer groups that set none of their own.")]
    public LagThresholds DefaultLagThresholds { get; set; } = new();
}
