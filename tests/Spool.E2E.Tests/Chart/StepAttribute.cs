namespace Spool.E2E.Tests.Chart;

/// <summary>The position of a test in its class's sequence (see <see cref="StepOrderer"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}
