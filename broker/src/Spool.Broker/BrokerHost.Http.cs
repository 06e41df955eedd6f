using Spool.Broker.Http;
using Spool.Broker.Observability;
using Spool.Observability.Prometheus;

namespace Spool.Broker;

/// <summary>HTTP endpoints besides health: /metrics.</summary>
public static partial class BrokerHost
{
    static partial void MapHttp(WebApplication app)
    {
        // Observable metric sets create their instruments when constructed and nothing else depends on them.
        _ = app.Services.GetServices<IObservableMetrics>().ToList();
        MetricsEndpoint.Map(app, app.Services.GetRequiredService<PrometheusExporter>());
    }
}
