namespace Spool.Operator.Crds;

/// <summary>A regular expression a string must match. Write RE2 syntax (the API server's): no lookarounds or backreferences.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PatternAttribute(string pattern) : Attribute
{
    public string Pattern { get; } = pattern;
}
