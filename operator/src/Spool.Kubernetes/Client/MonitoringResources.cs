namespace Spool.Kubernetes.Client;

/// <summary>
/// Prometheus Operator resources, used unstructured (<c>client.Resource&lt;JsonObject&gt;(MonitoringResources.ServiceMonitors)</c>)
/// and only after <see cref="DiscoveryClient.IsServedAsync(ResourceType, CancellationToken)"/> says they exist.
/// </summary>
public static class MonitoringResources
{
    public static ResourceType ServiceMonitors { get; } = new("monitoring.coreos.com", "v1", "servicemonitors", "ServiceMonitor", Namespaced: true);

    public static ResourceType PodMonitors { get; } = new("monitoring.coreos.com", "v1", "podmonitors", "PodMonitor", Namespaced: true);

    public static ResourceType PrometheusRules { get; } = new("monitoring.coreos.com", "v1", "prometheusrules", "PrometheusRule", Namespaced: true);
}
