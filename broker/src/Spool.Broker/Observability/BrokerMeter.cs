using System.Diagnostics.Metrics;

namespace Spool.Broker.Observability;

/// <summary>
/// The broker's System.Diagnostics.Metrics meter. Instrument names are the final Prometheus names
/// (docs/metrics.md), so the exporter writes them as they are.
/// </summary>
public sealed class BrokerMeter : IDisposable
{
    public const string Name = "Spool.Broker";

    public BrokerMeter()
    {
        Meter = new Meter(Name, typeof(BrokerMeter).Assembly.GetName().Version?.ToString());
    }

    public Meter Meter { get; }

    public void Dispose() => Meter.Dispose();
}
