namespace Spool.Broker.Http;

/// <summary>Whether the broker serves clients yet, and if not, why (shown by /readyz).</summary>
public sealed class BrokerReadiness
{
    private volatile string? _notReady = "starting";

    public void MarkReady() => _notReady = null;

    public void MarkNotReady(string reason) => _notReady = reason;

    public (bool Ready, string Reason) Check()
    {
        var reason = _notReady;
        return (reason is null, reason ?? "ready");
    }
}
