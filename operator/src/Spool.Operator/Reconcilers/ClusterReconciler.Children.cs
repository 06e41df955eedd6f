using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Operator.Builders;
using Spool.Operator.Monitoring;

namespace Spool.Operator.Reconcilers;

/// <summary>Server-side apply of the Cluster's children.</summary>
public sealed partial class ClusterReconciler
{
    /// <summary>Applies every child; returns the StatefulSet as stored, whose generation tells whether its controller saw the template yet.</summary>
    private async Task<StatefulSet> ApplyChildrenAsync(ClusterBlueprint blueprint, StatefulSet? existing, IReadOnlyList<PersistentVolumeClaim>? claimTemplates, CancellationToken cancellationToken)
    {
        var names = blueprint.Names;

        // The ConfigMap first: new pods mount it, and a config change must be in place before pods roll onto it.
        await client.Resource<ConfigMap>().ApplyAsync(ConfigMapBuilder.Build(blueprint), _apply, cancellationToken);
        await client.Resource<Service>().ApplyAsync(ServiceBuilder.Headless(blueprint), _apply, cancellationToken);
        await client.Resource<Service>().ApplyAsync(ServiceBuilder.Bootstrap(blueprint), _apply, cancellationToken);
        var statefulSet = await client.Resource<StatefulSet>().ApplyAsync(StatefulSetBuilder.Build(blueprint, claimTemplates), _apply, cancellationToken);
        if (existing is null)
        {
            await events.NormalAsync(blueprint.Cluster, "Created",
                $"Created StatefulSet {names.StatefulSet}, Services {names.HeadlessService} and {names.BootstrapService}, and ConfigMap {names.ConfigMap}.", cancellationToken);
        }

        if (blueprint.Spec.PodDisruptionBudget.Enabled)
        {
            await client.Resource<PodDisruptionBudget>().ApplyAsync(PodDisruptionBudgetBuilder.Build(blueprint), _apply, cancellationToken);
        }
        else if (caches.PodDisruptionBudgets.Get(names.Namespace, names.PodDisruptionBudget) is not null)
        {
            await client.Resource<PodDisruptionBudget>().DeleteIfExistsAsync(names.Namespace, names.PodDisruptionBudget, null, cancellationToken);
        }

        return statefulSet;
    }

    /// <summary>
    /// Volume claim templates are immutable: when the spec asks for other storage than the live StatefulSet has,
    /// keep the live templates (so everything else still applies) and say so.
    /// </summary>
    private static (IReadOnlyList<PersistentVolumeClaim>? Templates, string? Refused) KeepClaimTemplates(StatefulSet? existing, ClusterBlueprint blueprint)
    {
        var live = existing?.Spec?.VolumeClaimTemplates?.FirstOrDefault(t => t.Metadata.Name == ClusterNames.DataVolume);
        if (live?.Spec is not { } liveSpec)
        {
            return (null, null);
        }

        var storage = blueprint.Spec.Storage;
        var liveSize = liveSpec.Resources?.Requests?.GetValueOrDefault("storage");
        var sizeChanged = liveSize != storage.Size;
        var classChanged = storage.StorageClassName is not null && liveSpec.StorageClassName != storage.StorageClassName;
        if (!sizeChanged && !classChanged)
        {
            return (null, null);
        }

        var kept = new PersistentVolumeClaim
        {
            Metadata = new ObjectMeta { Name = live.Metadata.Name, Labels = live.Metadata.Labels, Annotations = live.Metadata.Annotations },
            Spec = liveSpec,
        };
        var what = sizeChanged ? $"size {storage.Size} (the claims have {liveSize})" : $"storageClassName {storage.StorageClassName} (the claims use {liveSpec.StorageClassName})";
        return ([kept], $"spec.storage asks for {what}, but a StatefulSet's volume claim templates cannot change; the brokers keep their volumes (expand the PersistentVolumeClaims directly where the StorageClass allows it).");
    }

    /// <summary>ServiceMonitor and PrometheusRule where the Prometheus Operator's CRDs are served; returns a problem to report, if any.</summary>
    private async Task<string?> ApplyMonitoringAsync(ClusterBlueprint blueprint, CancellationToken cancellationToken)
    {
        var metrics = blueprint.Spec.Metrics;
        var names = blueprint.Names;
        try
        {
            if (await monitoring.IsServedAsync(MonitoringResources.ServiceMonitors, cancellationToken))
            {
                var serviceMonitors = client.Resource<JsonObject>(MonitoringResources.ServiceMonitors);
                if (metrics.ServiceMonitor)
                {
                    await serviceMonitors.ApplyAsync(ServiceMonitorBuilder.Build(blueprint), _apply, cancellationToken);
                }
                else
                {
                    await serviceMonitors.DeleteIfExistsAsync(names.Namespace, names.ServiceMonitor, null, cancellationToken);
                }
            }

            if (await monitoring.IsServedAsync(MonitoringResources.PrometheusRules, cancellationToken))
            {
                var rules = client.Resource<JsonObject>(MonitoringResources.PrometheusRules);
                if (metrics.PrometheusRule)
                {
                    var groups = caches.ConsumerGroups.List(names.Namespace).Where(g => g.Spec?.ClusterRef?.Name == names.Cluster);
                    await rules.ApplyAsync(PrometheusRuleBuilder.Build(blueprint, groups), _apply, cancellationToken);
                }
                else
                {
                    await rules.DeleteIfExistsAsync(names.Namespace, names.PrometheusRule, null, cancellationToken);
                }
            }

            return null;
        }
        catch (KubernetesApiException ex)
        {
            await events.WarningAsync(blueprint.Cluster, Reasons.MonitoringFailed, ex.Message, cancellationToken);
            return $"Applying the ServiceMonitor or PrometheusRule failed: {ex.Message}";
        }
    }
}
