namespace Spool.E2E.Tests.Chart;

/// <summary>The chart's default installation: one ClusterRole for every namespace.</summary>
public sealed class ClusterWideChartFixture : ChartFixture
{
    protected override IReadOnlyList<string> Values => [];
}
