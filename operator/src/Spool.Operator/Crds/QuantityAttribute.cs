namespace Spool.Operator.Crds;

/// <summary>A Kubernetes resource quantity ("500m", "10Gi", 2): int-or-string with the quantity syntax.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class QuantityAttribute : Attribute
{
    /// <summary>resource.Quantity's syntax, as the API server's OpenAPI publishes it.</summary>
    public const string Pattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";
}
