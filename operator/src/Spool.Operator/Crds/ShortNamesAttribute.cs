namespace Spool.Operator.Crds;

/// <summary>Short names of a custom resource (<c>kubectl get spc</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ShortNamesAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}
