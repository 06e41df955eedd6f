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
        Rule(SpoolApi.Group, ["clusters", "topics", "consumergroups"], "get", "list", "watch"),

        // Finalizers (Topic deletion) are merge patches of the main resource.
        Rule(SpoolApi.Group, ["topics"], "patch"),
        Rule(SpoolApi.Group, ["clusters/status", "topics/status", "consumergroups/status"], "patch"),

        // Children of a Cluster carry blockOwnerDeletion: clusters/finalizers is checked where
        // OwnerReferencesPermissionEnforcement is enabled (no call of the operator's goes there).
        Rule(SpoolApi.Group, ["clusters/finalizers"], "update"),
        Rule("", ["configmaps", "services"], "get", "list", "watch", "create", "patch"),
        Rule("", ["pods"], "get", "list", "watch", "delete"),
        Rule("", ["events"], "create", "patch"),
        Rule("apps", ["statefulsets"], "get", "list", "watch", "create", "patch"),
        Rule("policy", ["poddisruptionbudgets"], "get", "list", "watch", "create", "patch", "delete"),
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
