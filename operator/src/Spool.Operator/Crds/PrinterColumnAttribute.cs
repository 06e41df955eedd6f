namespace Spool.Operator.Crds;

/// <summary>An additionalPrinterColumns entry, in the order declared: what <c>kubectl get</c> shows.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath) : Attribute
{
    public string Name { get; } = name;

    /// <summary>integer, number, string, boolean or date.</summary>
    public string Type { get; } = type;

    public string JsonPath { get; } = jsonPath;

    public string? Description { get; init; }

    /// <summary>0 shows the column always; higher only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}
