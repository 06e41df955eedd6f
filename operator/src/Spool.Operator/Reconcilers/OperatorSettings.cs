using Spool.Operator.Builders;

namespace Spool.Operator.Reconcilers;

/// <summary>Operator-wide settings the reconcilers share (from command-line flags).</summary>
public sealed record OperatorSettings
{
    /// <summary>The broker image of Clusters that name none; chart and operator release together, so it tracks the version.</summary>
    public const string DefaultBrokerImage = "ghcr.io/spool-dev/spool-broker:0.1.0";

    public string BrokerImage { get; init; } = DefaultBrokerImage;

    public string ClusterDomain { get; init; } = ClusterNames.DefaultClusterDomain;

    /// <summary>How often converged resources are checked again (cluster health, topic drift, group lag).</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a resource that is still converging (pods starting, a roll, a pending reset) is looked at.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(3);

    public string FieldManager { get; init; } = "spool-operator";
}
