using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;

namespace Spool.Operator.Builders;

/// <summary>The ConfigMap holding server.properties, mounted at /etc/spool and passed to the broker as its first argument.</summary>
public static class ConfigMapBuilder
{
    public static ConfigMap Build(ClusterBlueprint blueprint) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = blueprint.Names.ConfigMap,
            Namespace = blueprint.Names.Namespace,
            Labels = ClusterLabels.Common(blueprint.Names.Cluster),
            OwnerReferences = [OwnerReferences.ControllerReference(blueprint.Cluster)],
        },
        Data = new Dictionary<string, string>(StringComparer.Ordinal) { [BrokerPaths.PropertiesFileName] = blueprint.Properties },
    };
}
