using Microsoft.Extensions.Logging;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Operator.Builders;
using Spool.Operator.Entities;
using Spool.Operator.Kafka;
using Spool.Operator.Reconcilers;

namespace Spool.Operator.Hosting;

/// <summary>Informers, reconcilers and controllers, and which changes wake which controller.</summary>
public static partial class OperatorHost
{
    private static void Wire(ControllerManager manager, KubernetesClient client, IClusterAdminProvider admins, OperatorOptions options, ILoggerFactory loggers)
    {
        var settings = options.Settings;
        var scope = new InformerOptions { Namespaces = options.WatchNamespaces };
        var owned = scope with { LabelSelector = ClusterLabels.ManagedSelector };
        var clusters = manager.Informer(client.Resource<SpoolCluster>(), scope);
        var topics = manager.Informer(client.Resource<SpoolTopic>(), scope);
        var groups = manager.Informer(client.Resource<SpoolConsumerGroup>(), scope);
        var statefulSets = manager.Informer(client.Resource<StatefulSet>(), owned);
        var pods = manager.Informer(client.Resource<Pod>(), owned);
        var services = manager.Informer(client.Resource<Service>(), owned);
        var configMaps = manager.Informer(client.Resource<ConfigMap>(), owned);
        var budgets = manager.Informer(client.Resource<PodDisruptionBudget>(), owned);

        var events = new EventRecorder(client, "spool-operator", logger: loggers.CreateLogger<EventRecorder>());
        var monitoring = new MonitoringDiscovery(client.Discovery, settings.ResyncPeriod < TimeSpan.FromSeconds(30) ? settings.ResyncPeriod : TimeSpan.FromSeconds(30));
        var controllerOptions = new ControllerOptions { MaxConcurrentReconciles = options.MaxConcurrentReconciles, ShutdownTimeout = TimeSpan.FromSeconds(30) };

        manager.Controller(
                "cluster",
                clusters,
                new ClusterReconciler(client, new ClusterCaches(statefulSets.Cache, pods.Cache, budgets.Cache, groups.Cache), admins, monitoring, events, settings, loggers.CreateLogger<ClusterReconciler>()),
                controllerOptions)
            .Owns(statefulSets)
            .Owns(services)
            .Owns(configMaps)
            .Owns(budgets)
            .Watches(pods, pod => pod.Metadata.Labels?.GetValueOrDefault(ClusterLabels.Instance) is { Length: > 0 } cluster ? [new ObjectKey(pod.Metadata.Namespace, cluster)] : [])

            // A group's lag thresholds are rendered into its Cluster's PrometheusRule.
            .Watches(groups, group => group.Spec is { LagAlerting: not null, ClusterRef.Name: { Length: > 0 } cluster } ? [new ObjectKey(group.Metadata.Namespace, cluster)] : []);

        manager.Controller(
                "topic",
                topics,
                new TopicReconciler(client, clusters.Cache, topics.Cache, admins, events, settings, loggers.CreateLogger<TopicReconciler>()),
                controllerOptions)
            .Watches(clusters, cluster => topics.Cache.List(cluster.Metadata.Namespace ?? "")
                .Where(t => t.Spec?.ClusterRef?.Name == cluster.Metadata.Name)
                .Select(ObjectKey.Of));

        manager.Controller(
                "consumergroup",
                groups,
                new ConsumerGroupReconciler(client, clusters.Cache, admins, events, settings, loggers.CreateLogger<ConsumerGroupReconciler>()),
                controllerOptions)
            .Watches(clusters, cluster => groups.Cache.List(cluster.Metadata.Namespace ?? "")
                .Where(g => g.Spec?.ClusterRef?.Name == cluster.Metadata.Name)
                .Select(ObjectKey.Of));
    }
}
