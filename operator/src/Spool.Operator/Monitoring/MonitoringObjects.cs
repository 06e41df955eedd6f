using System.Text.Json.Nodes;
using Spool.Kubernetes.Runtime;
using Spool.Operator.Builders;

namespace Spool.Operator.Monitoring;

/// <summary>Metadata shared by the unstructured Prometheus Operator objects of a cluster.</summary>
internal static class MonitoringObjects
{
    public static JsonObject Metadata(ClusterBlueprint blueprint, string name)
    {
        var labels = new JsonObject();
        foreach (var (key, value) in ClusterLabels.With(blueprint.Names.Cluster, blueprint.Spec.Metrics.Labels))
        {
            labels[key] = value;
        }

        var owner = OwnerReferences.ControllerReference(blueprint.Cluster);
        return new JsonObject
        {
            ["name"] = name,
            ["namespace"] = blueprint.Names.Namespace,
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = owner.ApiVersion,
                ["kind"] = owner.Kind,
                ["name"] = owner.Name,
                ["uid"] = owner.Uid,
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            }),
        };
    }

    public static JsonObject Strings(IReadOnlyDictionary<string, string> values)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values)
        {
            result[key] = value;
        }

        return result;
    }
}
