namespace Spool.E2E.Tests.Chart;

/// <summary>A scenario that renders the chart: skipped, with the reason, where tests/helm has no Helm binary.</summary>
public sealed class ChartFactAttribute : FactAttribute
{
    public ChartFactAttribute()
    {
        Skip = ChartRendering.MissingReason;
    }
}
