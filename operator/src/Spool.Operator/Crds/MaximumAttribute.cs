namespace Spool.Operator.Crds;

/// <summary>Inclusive upper bound of a number.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class MaximumAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}
