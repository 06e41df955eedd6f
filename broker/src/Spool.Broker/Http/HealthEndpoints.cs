namespace Spool.Broker.Http;

/// <summary>/healthz (the process is alive) and /readyz (serving: registered and caught up).</summary>
public static class HealthEndpoints
{
    public static void Map(WebApplication app, BrokerReadiness readiness)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () =>
        {
            var (ready, reason) = readiness.Check();
            return ready ? Results.Text("ready\n") : Results.Text(reason + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
