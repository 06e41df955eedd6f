namespace Spool.Helm.Tests.Support;

/// <summary>A theory that runs Helm: skipped, with the reason, off linux-x64.</summary>
public sealed class HelmTheoryAttribute : TheoryAttribute
{
    public HelmTheoryAttribute()
    {
        Skip = HelmBinary.UnsupportedPlatformReason;
    }
}
