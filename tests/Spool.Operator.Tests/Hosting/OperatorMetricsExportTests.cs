using System.Diagnostics.Metrics;
using Spool.Kubernetes.Runtime;
using Spool.Observability.Prometheus;

namespace Spool.Operator.Tests.Hosting;

/// <summary>The operator's instruments as its /metrics endpoint publishes them.</summary>
public sealed class OperatorMetricsExportTests
{
    [Fact]
    public void Exports_the_operator_meter_in_prometheus_text_format()
    {
        using var metrics = new OperatorMetrics();
        using var exporter = new PrometheusExporter(instrument => ReferenceEquals(instrument.Meter, metrics.Meter));
        metrics.ReconcileTotal.Add(2, new("controller", "topic"), new("result", "success"));
        metrics.ReconcileDuration.Record(0.3, new KeyValuePair<string, object?>("controller", "topic"));
        metrics.QueueDepth.Add(3, new KeyValuePair<string, object?>("name", "topic"));
        using var unrelated = new Meter("Other");
        unrelated.CreateCounter<long>("other_total").Add(1);

        var text = exporter.CollectText();
        text.Should().Contain("# TYPE spool_operator_reconcile_total counter\n");
        text.Should().Contain("spool_operator_reconcile_total{controller=\"topic\",result=\"success\"} 2\n");
        text.Should().Contain("spool_operator_reconcile_duration_seconds_bucket{controller=\"topic\",le=\"0.25\"} 0\n");
        text.Should().Contain("spool_operator_reconcile_duration_seconds_bucket{controller=\"topic\",le=\"0.5\"} 1\n");
        text.Should().Contain("spool_operator_reconcile_duration_seconds_count{controller=\"topic\"} 1\n");
        text.Should().Contain("# TYPE spool_operator_workqueue_depth gauge\n");
        text.Should().NotContain("other_total");
    }
}
