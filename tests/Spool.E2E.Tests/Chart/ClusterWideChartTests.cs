namespace Spool.E2E.Tests.Chart;

/// <summary>The core scenarios with the chart's default, cluster-wide RBAC (ClusterRole and the Lease Role).</summary>
[Collection(ChartCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class ClusterWideChartTests(ClusterWideChartFixture fixture) : ChartScenarios<ClusterWideChartFixture>(fixture), IClassFixture<ClusterWideChartFixture>;
