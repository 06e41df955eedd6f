namespace Spool.Operator.Crds;

/// <summary>
/// The property's C# initializer is its schema default: the generator serializes the value a fresh instance holds,
/// so the API server fills in exactly what code constructing the object in memory gets.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DefaultedAttribute : Attribute;
