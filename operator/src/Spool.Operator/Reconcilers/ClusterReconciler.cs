using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Operator.Builders;
using Spool.Operator.Entities;
using Spool.Operator.Kafka;

namespace Spool.Operator.Reconcilers;

/// <summary>
/// Reconciles a Cluster: server-side applies its children (ConfigMap, Services, StatefulSet, PodDisruptionBudget and,
/// where served, ServiceMonitor and PrometheusRule), rolls outdated brokers one at a time, and reports status.
/// Children carry a controller ownerReference, so deleting the Cluster deletes them.
/// </summary>
public sealed partial class ClusterReconciler(
    KubernetesClient client,
    ClusterCaches caches,
    IClusterAdminProvider admins,
    MonitoringDiscovery monitoring,
    EventRecorder events,
    OperatorSettings settings,
    ILogger<ClusterReconciler> logger,
    TimeProvider? timeProvider = null) : IReconciler<SpoolCluster>
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly StatusWriter _status = new(client.Serializer);
    private readonly WriteOptions _apply = new() { FieldManager = settings.FieldManager, Force = true };

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<SpoolCluster> request, CancellationToken cancellationToken)
    {
        if (request.Object is null || request.Object.Metadata.DeletionTimestamp is not null)
        {
            // The garbage collector removes the children; only the admin client is ours to close.
            await admins.ForgetAsync(request.Key);
            return ReconcileResult.Done;
        }

        var cluster = client.Serializer.Clone(request.Object);
        var blueprint = new ClusterBlueprint(cluster, settings.BrokerImage, settings.ClusterDomain);
        var names = blueprint.Names;
        var observation = new ClusterObservation
        {
            Generation = cluster.Metadata.Generation,
            Replicas = blueprint.Spec.Replicas,
            BootstrapServers = names.BootstrapServers(blueprint.Spec.Listener.Port),
            Image = blueprint.Image,
            QuorumVoters = QuorumVoters.Render(names, blueprint.Spec.Replicas),
            InvalidSpec = Validate(blueprint),
        };

        if (observation.InvalidSpec.Count > 0)
        {
            await events.WarningAsync(cluster, Reasons.InvalidSpec, string.Join(" ", observation.InvalidSpec), cancellationToken);
            await WriteStatusAsync(cluster, observation with { Pods = ObservePods(names) }, cancellationToken);
            return ReconcileResult.After(settings.ResyncPeriod);
        }

        var existing = caches.StatefulSets.Get(names.Namespace, names.StatefulSet);
        var (claimTemplates, storageRefused) = KeepClaimTemplates(existing, blueprint);
        observation = observation with { StorageChangeRefused = storageRefused };
        StatefulSet applied;
        try
        {
            applied = await ApplyChildrenAsync(blueprint, existing, claimTemplates, cancellationToken);
        }
        catch (KubernetesApiException ex)
        {
            await events.WarningAsync(cluster, Reasons.ApplyFailed, ex.Message, cancellationToken);
            await WriteStatusAsync(cluster, observation with { ApplyFailed = ex.Message, Pods = ObservePods(names) }, cancellationToken);
            throw;
        }

        observation = observation with { MonitoringFailed = await ApplyMonitoringAsync(blueprint, cancellationToken) };
        // The cached StatefulSet may predate the apply; its status is current only once it observed the applied generation.
        var cached = caches.StatefulSets.Get(names.Namespace, names.StatefulSet);
        var statefulSet = cached is { Metadata.Generation: { } generation } && generation >= (applied.Metadata.Generation ?? 0) ? cached : applied;
        var pods = ObservePods(names);
        var health = pods.Any(p => p.Ready && !p.Terminating)
            ? await ClusterHealthProbe.ProbeAsync(ClusterConnection.Admin(admins, cluster, settings), cancellationToken)
            : null;
        var statusCurrent = statefulSet.Status?.ObservedGeneration is { } seen && seen >= (applied.Metadata.Generation ?? 0);
        var roll = RollPlanner.Plan(blueprint.Spec.Replicas, statefulSet.Status?.UpdateRevision, statusCurrent, pods, health?.Healthy == true);
        if (roll.PodToDelete is { } victim)
        {
            await RestartBrokerAsync(cluster, names, victim, roll, cancellationToken);
        }

        var status = await WriteStatusAsync(cluster, observation with
        {
            Pods = pods,
            UpdateRevision = statefulSet.Status?.UpdateRevision,
            Roll = roll,
            Health = health,
        }, cancellationToken);
        var settled = Conditions.IsTrue(status.Conditions, Conditions.Ready) && !Conditions.IsTrue(status.Conditions, Conditions.Progressing);
        return ReconcileResult.After(settled ? settings.ResyncPeriod : settings.ProgressInterval);
    }

    /// <summary>What the schema cannot check: name limits of the derived objects, and configs the operator owns.</summary>
    public static IReadOnlyList<string> Validate(ClusterBlueprint blueprint)
    {
        var problems = new List<string>();
        var name = blueprint.Names.Cluster;
        if (name.Length > ClusterNames.MaxClusterNameLength || !Dns1035().IsMatch(name))
        {
            problems.Add($"metadata.name must be a DNS-1035 label of at most {ClusterNames.MaxClusterNameLength} characters (lower-case letters, digits and '-', starting with a letter): Services and pod names are derived from it.");
        }

        // The broker refuses a quorum that names other nodes (nothing replicates yet), so N > 1 pods would only
        // crash-loop; nothing is applied and the status says why instead.
        if (blueprint.Spec.Replicas > 1)
        {
            problems.Add($"spec.replicas is {blueprint.Spec.Replicas}: multi-broker clusters (a replicated metadata quorum and partition replication) are not available in this version of Spool; set replicas to 1.");
        }

        if (BrokerProperties.ReservedKeysIn(blueprint.Spec.Config) is { Count: > 0 } reserved)
        {
            problems.Add($"spec.config may not set {string.Join(", ", reserved)}: the operator sets them for every broker.");
        }

        return problems;
    }

    private List<BrokerPod> ObservePods(ClusterNames names) =>
    [
        .. caches.Pods.List(names.Namespace)
            .Where(p => p.Metadata.Labels?.GetValueOrDefault(ClusterLabels.Instance) == names.Cluster)
            .Select(p => new BrokerPod(
                p.Metadata.Name ?? "",
                names.OrdinalOf(p.Metadata.Name ?? ""),
                p.Metadata.Labels?.GetValueOrDefault("controller-revision-hash"),
                p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true,
                p.Metadata.DeletionTimestamp is not null))
            .Where(p => p.Ordinal >= 0)
            .OrderBy(p => p.Ordinal),
    ];

    private async Task RestartBrokerAsync(SpoolCluster cluster, ClusterNames names, string podName, RollDecision roll, CancellationToken cancellationToken)
    {
        var pod = caches.Pods.Get(names.Namespace, podName);
        logger.LogInformation("Restarting broker pod {Namespace}/{Pod} to roll Cluster {Cluster} ({Outdated} outdated)", names.Namespace, podName, names.Cluster, roll.Outdated);
        await events.NormalAsync(cluster, "RestartingBroker",
            $"Deleting pod {podName} so that it restarts with the current configuration and image ({roll.Outdated} broker(s) outdated).", cancellationToken);
        await client.Resource<Pod>().DeleteIfExistsAsync(names.Namespace, podName,
            new DeleteOptions { Preconditions = pod?.Metadata.Uid is { } uid ? new Preconditions { Uid = uid } : null }, cancellationToken);
    }

    private async Task<ClusterStatus> WriteStatusAsync(SpoolCluster cluster, ClusterObservation observation, CancellationToken cancellationToken)
    {
        var status = ClusterStatusRules.Compute(observation, cluster.Status, _time.GetUtcNow());
        var wasReady = Conditions.IsTrue(cluster.Status?.Conditions, Conditions.Ready);
        if (await _status.WriteAsync(client.Resource<SpoolCluster>(), cluster, cluster.Status, status, cancellationToken)
            && !wasReady && Conditions.IsTrue(status.Conditions, Conditions.Ready))
        {
            await events.NormalAsync(cluster, Reasons.ClusterReady, Conditions.Find(status.Conditions, Conditions.Ready)!.Message ?? "", cancellationToken);
        }

        return status;
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();
}
