namespace Spool.E2E.Tests.Chart;

/// <summary>The chart installations run one after the other, never beside the other scenarios (each runs a broker and an operator).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChartCollection
{
    public const string Name = "chart";
}
