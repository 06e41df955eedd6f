using Spool.Observability.Prometheus;

namespace Spool.Broker.Http;

/// <summary>GET /metrics: the Prometheus text exposition (format 0.0.4) of the broker's meter.</summary>
public static class MetricsEndpoint
{
    public static void Map(WebApplication app, PrometheusExporter exporter)
    {
        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = PrometheusExporter.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await exporter.WriteToAsync(context.Response.Body, context.RequestAborted);
        });
    }
}
