using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Operator.Entities;

namespace Spool.Operator.Reconcilers;

/// <summary>The informer caches the Cluster reconciler reads instead of asking the API server.</summary>
public sealed record ClusterCaches(
    InformerCache<StatefulSet> StatefulSets,
    InformerCache<Pod> Pods,
    InformerCache<PodDisruptionBudget> PodDisruptionBudgets,
    InformerCache<SpoolConsumerGroup> ConsumerGroups);
