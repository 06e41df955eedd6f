namespace Spool.Operator.Crds;

/// <summary>Inclusive lower bound of a number.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class MinimumAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}
