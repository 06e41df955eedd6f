using Spool.Kubernetes.Models;
using Spool.Operator.Entities;

namespace Spool.Operator.Hosting;

/// <summary>
/// Exactly the permissions the operator uses (checked by the e2e suite against every call it makes, with the API
/// emulator enforcing them). <see cref="Rules"/> belong in a ClusterRole (a Role per namespace for a
/// namespace-scoped install), <see cref="LeaseRules"/> in a Role in the Lease's namespace.
/// </summary>
public static class OperatorRbac
{
    public static IReadOnlyList<PolicyRule> Rules { get; } =
    [
        // Informers list and watch; reconcilers read their caches, never single objects.
        Rule(SpoolApi.Group, ["clusters", "consumergroups"], "list", "watch"),

        // The Topic finalizer is a merge patch of the resource; on a conflict it reads the Topic again (get).
        Rule(SpoolApi.Group, ["topics"], "get", "list", "watch", "patch"),
        Rule(SpoolApi.Group, ["clusters/status", "topics/status", "consumergroups/status"], "patch"),

        // Children of a Cluster carry blockOwnerDeletion: clusters/finalizers is checked where
        // OwnerReferencesPermissionEnforcement is enabled (no call of the operator's goes there).
        Rule(SpoolApi.Group, ["clusters/finalizers"], "update"),

        // Server-side apply is authorized as patch, and as create when the object does not exist yet.
        Rule("", ["configmaps", "services"], "list", "watch", "create", "patch"),
        Rule("apps", ["statefulsets"], "list", "watch", "create", "patch"),
        Rule("policy", ["poddisruptionbudgets"], "list", "watch", "create", "patch", "delete"),

        // Rolling a broker is deleting its pod.
        Rule("", ["pods"], "list", "watch", "delete"),

        // Events are created, and patched when they repeat (count and lastTimestamp).
        Rule("", ["events"], "create", "patch"),
        Rule("monitoring.coreos.com", ["servicemonitors", "prometheusrules"], "create", "patch", "delete"),
        new PolicyRule { NonResourceUrls = ["/apis/monitoring.coreos.com/v1"], Verbs = ["get"] },
    ];

    /// <summary>Leader election: get, create and update of the one Lease.</summary>
    public static IReadOnlyList<PolicyRule> LeaseRules { get; } =
    [
        Rule("coordination.k8s.io", ["leases"], "get", "create", "update"),
    ];

    private static PolicyRule Rule(string group, List<string> resources, params string[] verbs) =>
        new() { ApiGroups = [group], Resources = resources, Verbs = [.. verbs] };
}
