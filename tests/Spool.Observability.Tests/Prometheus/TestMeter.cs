using System.Diagnostics.Metrics;
using Spool.Observability.Prometheus;

namespace Spool.Observability.Tests.Prometheus;

/// <summary>A private meter and an exporter that sees only it (tests run in parallel with brokers in-process).</summary>
public sealed class TestMeter : IDisposable
{
    public TestMeter()
    {
        Meter = new Meter("spool-test-" + Guid.NewGuid().ToString("N"));
        Exporter = new PrometheusExporter(instrument => ReferenceEquals(instrument.Meter, Meter));
    }

    public Meter Meter { get; }

    public PrometheusExporter Exporter { get; }

    public string Scrape() => Exporter.CollectText();

    /// <summary>The sample lines (no comments) of one scrape.</summary>
    public IReadOnlyList<string> Samples() =>
        Scrape().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();

    public void Dispose()
    {
        Exporter.Dispose();
        Meter.Dispose();
    }
}
