using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Operator.Builders;

namespace Spool.Operator.Monitoring;

/// <summary>
/// A ServiceMonitor over the headless Service (every broker, ready or not, on port http), adding the label
/// cluster=&lt;Cluster name&gt; that the alert rules and per-group thresholds match on (the Prometheus Operator adds namespace).
/// </summary>
public static class ServiceMonitorBuilder
{
    public static JsonObject Build(ClusterBlueprint blueprint)
    {
        var names = blueprint.Names;
        var selector = ClusterLabels.Selector(names.Cluster);
        selector[ClusterLabels.ServiceRole] = ServiceBuilder.BrokersRole;
        return new JsonObject
        {
            ["apiVersion"] = MonitoringResources.ServiceMonitors.ApiVersion,
            ["kind"] = MonitoringResources.ServiceMonitors.Kind,
            ["metadata"] = MonitoringObjects.Metadata(blueprint, names.ServiceMonitor),
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = MonitoringObjects.Strings(selector) },
                ["namespaceSelector"] = new JsonObject { ["matchNames"] = new JsonArray(names.Namespace) },
                ["endpoints"] = new JsonArray(new JsonObject
                {
                    ["port"] = BrokerPorts.HttpName,
                    ["path"] = "/metrics",
                    ["interval"] = blueprint.Spec.Metrics.ScrapeInterval,
                    ["relabelings"] = new JsonArray(new JsonObject
                    {
                        ["action"] = "replace",
                        ["targetLabel"] = "cluster",
                        ["replacement"] = names.Cluster,
                    }),
                }),
            },
        };
    }
}
