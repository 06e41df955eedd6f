using Spool.KubeEmulator.Registry;

namespace Spool.KubeEmulator.Server;

/// <summary>Which fields each kind supports in field selectors (the apiserver's field label conversions).</summary>
public static class FieldLabels
{
    private static readonly Dictionary<string, string[]> Extra = new(StringComparer.Ordinal)
    {
        ["/pods"] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"],
        ["/events"] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        ["/secrets"] = ["type"],
        ["/namespaces"] = ["status.phase"],
        ["/nodes"] = ["spec.unschedulable"],
        ["/persistentvolumeclaims"] = [],
        ["apps/replicasets"] = ["status.replicas"],
    };

    public static bool IsSupported(ResourceType t, string field)
    {
        if (field is "metadata.name" or "metadata.namespace")
        {
            return true;
        }
        return (Extra.TryGetValue(t.StorageTable, out var extra) && extra.Contains(field, StringComparer.Ordinal))
            || t.SelectableFields.Contains(field, StringComparer.Ordinal);
    }
}
