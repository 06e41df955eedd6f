using Spool.Kubernetes.Client;

namespace Spool.Operator.Reconcilers;

/// <summary>
/// Whether the Prometheus Operator's CRDs are served, asked of API discovery (never assumed) and remembered for a
/// while, so installing the Prometheus Operator later is noticed without a discovery call per reconcile.
/// </summary>
public sealed class MonitoringDiscovery(DiscoveryClient discovery, TimeSpan ttl, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private readonly Dictionary<ResourceType, (bool Served, DateTimeOffset Until)> _answers = [];

    public async Task<bool> IsServedAsync(ResourceType type, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_answers.TryGetValue(type, out var answer) && answer.Until > now)
            {
                return answer.Served;
            }
        }

        var served = await discovery.IsServedAsync(type, cancellationToken);
        lock (_lock)
        {
            _answers[type] = (served, now + ttl);
        }

        return served;
    }
}
