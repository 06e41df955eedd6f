namespace Spool.E2E.Tests.Chart;

/// <summary>
/// A namespace-scoped installation: Roles in the watched namespace only, none cluster-wide, and the release namespace
/// (where the Lease is) not watched at all.
/// </summary>
public sealed class NamespacedChartFixture : ChartFixture
{
    protected override IReadOnlyList<string> Values => ["operator.watchNamespaces[0]=spool-e2e"];
}
