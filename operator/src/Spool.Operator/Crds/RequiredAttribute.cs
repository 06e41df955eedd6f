namespace Spool.Operator.Crds;

/// <summary>The field must be present (the object's schema lists it under <c>required</c>).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RequiredAttribute : Attribute;
