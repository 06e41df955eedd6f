using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Operator.Entities;

namespace Spool.Operator.Builders;

/// <summary>
/// The brokers' StatefulSet. Pods start in parallel (a multi-voter quorum can only become ready once its voters
/// run, which OrderedReady would never allow) and are replaced only when the operator deletes them (OnDelete), so
/// that a roll waits for the cluster to be healthy, not just for one pod's readiness.
/// </summary>
public static partial class StatefulSetBuilder
{
    public const string ContainerName = "broker";

    /// <summary>Pod template annotation holding the digest of server.properties: a config change is a new revision.</summary>
    public const string ConfigHashAnnotation = "spool.dev/config-hash";

    /// <summary>The label the StatefulSet controller (Kubernetes 1.28+) puts on every pod: its ordinal, used as node.id.</summary>
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    /// <param name="blueprint">The cluster.</param>
    /// <param name="claimTemplates">The live StatefulSet's claim templates when they differ from the spec: they are immutable, so they are kept.</param>
    public static StatefulSet Build(ClusterBlueprint blueprint, IReadOnlyList<PersistentVolumeClaim>? claimTemplates = null)
    {
        var names = blueprint.Names;
        var spec = blueprint.Spec;
        return new StatefulSet
        {
            Metadata = new ObjectMeta
            {
                Name = names.StatefulSet,
                Namespace = names.Namespace,
                Labels = ClusterLabels.Common(names.Cluster),
                OwnerReferences = [OwnerReferences.ControllerReference(blueprint.Cluster)],
            },
            Spec = new StatefulSetSpec
            {
                Replicas = spec.Replicas,
                ServiceName = names.HeadlessService,
                PodManagementPolicy = "Parallel",
                UpdateStrategy = new StatefulSetUpdateStrategy { Type = "OnDelete" },
                Selector = new LabelSelector { MatchLabels = ClusterLabels.Selector(names.Cluster) },
                PersistentVolumeClaimRetentionPolicy = new StatefulSetPersistentVolumeClaimRetentionPolicy
                {
                    WhenDeleted = spec.Storage.OnDelete == ClaimPolicy.Delete ? "Delete" : "Retain",
                    WhenScaled = spec.Storage.OnScaleDown == ClaimPolicy.Delete ? "Delete" : "Retain",
                },
                Template = PodTemplate(blueprint),
                VolumeClaimTemplates = claimTemplates is { Count: > 0 } ? [.. claimTemplates] : [ClaimTemplate(blueprint)],
            },
        };
    }

    public static PersistentVolumeClaim ClaimTemplate(ClusterBlueprint blueprint) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = ClusterNames.DataVolume,
            Labels = ClusterLabels.Selector(blueprint.Names.Cluster),
        },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = blueprint.Spec.Storage.StorageClassName,
            Resources = new ResourceRequirements
            {
                Requests = new Dictionary<string, string>(StringComparer.Ordinal) { ["storage"] = blueprint.Spec.Storage.Size },
            },
        },
    };
}
