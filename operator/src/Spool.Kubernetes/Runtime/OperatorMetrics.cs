using System.Diagnostics.Metrics;

namespace Spool.Kubernetes.Runtime;

/// <summary>
/// The operator's own instruments (System.Diagnostics.Metrics); names are already in Prometheus form so an exporter
/// can publish them as they are. Tags: controller (reconciles), name (queues), lease (leader election).
/// </summary>
public sealed class OperatorMetrics : IDisposable
{
    public const string MeterName = "Spool.Operator";

    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly bool _ownsMeter;

    public OperatorMetrics(Meter? meter = null)
    {
        _ownsMeter = meter is null;
        Meter = meter ?? new Meter(MeterName, "0.1.0");
        ReconcileTotal = Meter.CreateCounter<long>("spool_operator_reconcile_total", description: "Reconciles by controller and result (success, error, requeue, requeue_after).");
        ReconcileErrors = Meter.CreateCounter<long>("spool_operator_reconcile_errors_total", description: "Reconciles that threw.");
        ReconcileDuration = Meter.CreateHistogram(
            "spool_operator_reconcile_duration_seconds",
            unit: "s",
            description: "Time spent in one reconcile.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        QueueDepth = Meter.CreateUpDownCounter<long>("spool_operator_workqueue_depth", description: "Keys waiting in a work queue.");
        QueueAdds = Meter.CreateCounter<long>("spool_operator_workqueue_adds_total", description: "Keys added to a work queue.");
        QueueRetries = Meter.CreateCounter<long>("spool_operator_workqueue_retries_total", description: "Rate-limited re-adds (retries).");
        Leading = Meter.CreateUpDownCounter<long>("spool_operator_leader", description: "1 while this replica holds the leader lease.");
    }

    public Meter Meter { get; }

    public Counter<long> ReconcileTotal { get; }

    public Counter<long> ReconcileErrors { get; }

    public Histogram<double> ReconcileDuration { get; }

    public UpDownCounter<long> QueueDepth { get; }

    public Counter<long> QueueAdds { get; }

    public Counter<long> QueueRetries { get; }

    public UpDownCounter<long> Leading { get; }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
