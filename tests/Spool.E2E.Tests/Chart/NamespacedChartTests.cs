namespace Spool.E2E.Tests.Chart;

/// <summary>The core scenarios with the chart's namespace-scoped RBAC: a Role in the watched namespace, nothing cluster-wide.</summary>
[Collection(ChartCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class NamespacedChartTests(NamespacedChartFixture fixture) : ChartScenarios<NamespacedChartFixture>(fixture), IClassFixture<NamespacedChartFixture>;
