namespace Spool.Operator.Crds;

/// <summary>
/// An associative list (x-kubernetes-list-type: map) keyed by these item fields, such as conditions by type: server-side
/// apply then merges entries by key instead of replacing the list. The keys become required in the items.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}
