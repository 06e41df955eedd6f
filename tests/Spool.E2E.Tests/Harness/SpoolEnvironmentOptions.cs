using Spool.Kubernetes.Models;
using Spool.Operator.Hosting;

namespace Spool.E2E.Tests.Harness;

/// <summary>What a <see cref="SpoolEnvironment"/> sets up. The chart's tests (issue 6) run the same scenarios with their own rules.</summary>
public sealed record SpoolEnvironmentOptions
{
    /// <summary>Namespace of the Cluster, Topics and ConsumerGroups.</summary>
    public string Namespace { get; init; } = "spool-e2e";

    /// <summary>Where the operator's ServiceAccount and Lease live.</summary>
    public string OperatorNamespace { get; init; } = "spool-system";

    public string ServiceAccount { get; init; } = "spool-operator";

    /// <summary>
    /// Rules of the operator's ClusterRole, enforced by the emulator; null runs the operator with the admin token and
    /// RBAC off. Defaults to the operator's own declaration, so missing permissions fail here.
    /// </summary>
    public IReadOnlyList<PolicyRule>? ClusterRules { get; init; } = OperatorRbac.Rules;

    /// <summary>Rules of the Role in <see cref="OperatorNamespace"/> (the Lease).</summary>
    public IReadOnlyList<PolicyRule>? LeaseRules { get; init; } = OperatorRbac.LeaseRules;

    /// <summary>Extra operator flags (durations are short so failover and drift tests stay quick).</summary>
    public IReadOnlyList<string> OperatorArguments { get; init; } =
    [
        "--resync-period", "2s",
        "--progress-interval", "1s",
        "--lease-duration", "6s",
        "--renew-deadline", "4s",
        "--retry-period", "1s",
        "--log-level", "Information",
    ];
}
