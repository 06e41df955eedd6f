namespace Spool.Operator.Crds;

/// <summary>Bounds of a string's length (or of an array's item count); -1 leaves a bound out.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class LengthAttribute(int minimum = -1, int maximum = -1) : Attribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;
}
