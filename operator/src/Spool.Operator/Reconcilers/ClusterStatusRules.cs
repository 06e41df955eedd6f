using Spool.Operator.Entities;

namespace Spool.Operator.Reconcilers;

/// <summary>A Cluster's status and its Ready, Progressing and Degraded conditions from what a reconcile observed.</summary>
public static class ClusterStatusRules
{
    public static ClusterStatus Compute(ClusterObservation observed, ClusterStatus? previous, DateTimeOffset now)
    {
        var live = observed.Pods.Where(p => !p.Terminating && p.Ordinal >= 0 && p.Ordinal < observed.Replicas).ToList();
        var ready = live.Count(p => p.Ready);
        var updated = observed.UpdateRevision is null ? 0 : live.Count(p => p.Revision == observed.UpdateRevision);
        var clusterId = observed.Health?.ClusterId ?? previous?.ClusterId;
        var conditions = new[] { Ready(observed, ready, clusterId), Progressing(observed, live.Count, ready, updated, clusterId), Degraded(observed) };
        return new ClusterStatus
        {
            ObservedGeneration = observed.Generation,
            Conditions = Conditions.Merge(previous?.Conditions, conditions, observed.Generation, now),
            Replicas = live.Count,
            ReadyReplicas = ready,
            UpdatedReplicas = updated,
            BootstrapServers = observed.BootstrapServers,
            ClusterId = clusterId,
            Image = observed.Image,
            QuorumVoters = observed.QuorumVoters,
        };
    }

    private static ConditionState Ready(ClusterObservation observed, int ready, string? clusterId)
    {
        if (observed.InvalidSpec.Count > 0)
        {
            return new(Conditions.Ready, false, Reasons.InvalidSpec, string.Join(" ", observed.InvalidSpec));
        }

        if (ready < observed.Replicas)
        {
            return new(Conditions.Ready, false, Reasons.BrokersNotReady, $"{ready}/{observed.Replicas} brokers ready.");
        }

        if (observed.Health is not { Reachable: true } health)
        {
            return new(Conditions.Ready, false, Reasons.BrokerUnreachable,
                $"All {observed.Replicas} broker pods are ready but the Kafka admin API did not answer: {observed.Health?.Error ?? "not asked"}.");
        }

        if (!health.Healthy)
        {
            return new(Conditions.Ready, false, Reasons.UnderReplicatedPartitions, PartitionProblems(health));
        }

        return new(Conditions.Ready, true, Reasons.ClusterReady, $"{ready}/{observed.Replicas} brokers ready, cluster id {clusterId}.");
    }

    private static ConditionState Progressing(ClusterObservation observed, int existing, int ready, int updated, string? clusterId)
    {
        if (observed.InvalidSpec.Count > 0)
        {
            return new(Conditions.Progressing, false, Reasons.InvalidSpec, "The spec is invalid; nothing was changed.");
        }

        if (clusterId is null && ready < observed.Replicas)
        {
            return new(Conditions.Progressing, true, Reasons.Creating, $"Starting brokers: {ready}/{observed.Replicas} ready.");
        }

        if (existing != observed.Replicas)
        {
            return new(Conditions.Progressing, true, Reasons.Scaling, $"{existing} of {observed.Replicas} broker pods exist.");
        }

        if (observed.Roll is { Complete: false } roll)
        {
            var step = roll.PodToDelete is { } pod ? $"restarting {pod}" : roll.WaitReason ?? "waiting";
            return new(Conditions.Progressing, true, Reasons.RollingUpdate,
                $"{updated}/{observed.Replicas} brokers run the current configuration and image; {step}.");
        }

        if (ready < observed.Replicas)
        {
            return new(Conditions.Progressing, true, Reasons.BrokersNotReady, $"Waiting for brokers: {ready}/{observed.Replicas} ready.");
        }

        return new(Conditions.Progressing, false, Reasons.Reconciled, "Every broker runs the current configuration and image.");
    }

    private static ConditionState Degraded(ClusterObservation observed)
    {
        if (observed.InvalidSpec.Count > 0)
        {
            return new(Conditions.Degraded, true, Reasons.InvalidSpec, string.Join(" ", observed.InvalidSpec));
        }

        if (observed.ApplyFailed is { } applyFailed)
        {
            return new(Conditions.Degraded, true, Reasons.ApplyFailed, applyFailed);
        }

        if (observed.StorageChangeRefused is { } storage)
        {
            return new(Conditions.Degraded, true, Reasons.StorageChangeRefused, storage);
        }

        if (observed.Health is { Reachable: true, Healthy: false } health)
        {
            return new(Conditions.Degraded, true, Reasons.UnderReplicatedPartitions, PartitionProblems(health));
        }

        if (observed.MonitoringFailed is { } monitoring)
        {
            return new(Conditions.Degraded, true, Reasons.MonitoringFailed, monitoring);
        }

        return new(Conditions.Degraded, false, Reasons.AsExpected, "No problem found.");
    }

    private static string PartitionProblems(ClusterHealth health) =>
        $"{health.UnderReplicatedPartitions} under-replicated and {health.OfflinePartitions} offline partitions.";
}
