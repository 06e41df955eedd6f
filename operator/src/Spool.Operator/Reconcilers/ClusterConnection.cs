using Spool.Kubernetes.Runtime;
using Spool.Operator.Builders;
using Spool.Operator.Entities;
using Spool.Operator.Kafka;

namespace Spool.Operator.Reconcilers;

/// <summary>How every reconciler reaches a Cluster's brokers, so they all share one admin client per cluster.</summary>
public static class ClusterConnection
{
    /// <summary>
    /// Every broker's stable pod address rather than the bootstrap Service: it resolves (publishNotReadyAddresses)
    /// while brokers are starting or rolling, when the operator most needs to ask them about their health.
    /// </summary>
    public static string Bootstrap(SpoolCluster cluster, OperatorSettings settings) =>
        new ClusterNames(cluster.Metadata.Name ?? "", cluster.Metadata.Namespace ?? "default", settings.ClusterDomain)
            .BrokerServers(cluster.Spec?.Replicas ?? 1);

    public static IClusterAdmin Admin(IClusterAdminProvider admins, SpoolCluster cluster, OperatorSettings settings) =>
        admins.Get(ObjectKey.Of(cluster), Bootstrap(cluster, settings));

    /// <summary>
    /// The Cluster a Topic or ConsumerGroup refers to, when it can take admin requests: it exists, is not being
    /// deleted, and has at least one ready broker. Otherwise the Ready=False condition that says why.
    /// </summary>
    public static (SpoolCluster? Cluster, ConditionState? NotReady) Resolve(InformerCache<SpoolCluster> clusters, string? ns, ClusterReference? reference)
    {
        var name = reference?.Name;
        if (string.IsNullOrEmpty(name))
        {
            return (null, new ConditionState(Conditions.Ready, false, Reasons.ClusterNotFound, "spec.clusterRef.name is empty."));
        }

        var cluster = clusters.Get(ns, name);
        if (cluster is null)
        {
            return (null, new ConditionState(Conditions.Ready, false, Reasons.ClusterNotFound, $"Cluster {name} does not exist in namespace {ns}."));
        }

        if (cluster.Metadata.DeletionTimestamp is not null)
        {
            return (cluster, new ConditionState(Conditions.Ready, false, Reasons.ClusterDeleting, $"Cluster {name} is being deleted."));
        }

        if (cluster.Status?.ReadyReplicas is not > 0)
        {
            return (cluster, new ConditionState(Conditions.Ready, false, Reasons.ClusterNotReady, $"Cluster {name} has no ready broker yet."));
        }

        return (cluster, null);
    }
}
