using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Kubernetes.Serialization;

namespace Spool.Operator.Builders;

/// <summary>Limits voluntary evictions (drains) to spec.podDisruptionBudget.maxUnavailable brokers at a time.</summary>
public static class PodDisruptionBudgetBuilder
{
    public static PodDisruptionBudget Build(ClusterBlueprint blueprint) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = blueprint.Names.PodDisruptionBudget,
            Namespace = blueprint.Names.Namespace,
            Labels = ClusterLabels.Common(blueprint.Names.Cluster),
            OwnerReferences = [OwnerReferences.ControllerReference(blueprint.Cluster)],
        },
        Spec = new PodDisruptionBudgetSpec
        {
            MaxUnavailable = new IntOrString(blueprint.Spec.PodDisruptionBudget.MaxUnavailable),
            Selector = new LabelSelector { MatchLabels = ClusterLabels.Selector(blueprint.Names.Cluster) },
        },
    };
}
