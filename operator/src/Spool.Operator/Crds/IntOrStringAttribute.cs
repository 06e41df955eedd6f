namespace Spool.Operator.Crds;

/// <summary>
/// The field takes an integer or a string (x-kubernetes-int-or-string). For JsonNode-typed fields whose integers
/// may exceed Int32 (epoch milliseconds), where <c>IntOrString</c> would not do.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class IntOrStringAttribute : Attribute;
