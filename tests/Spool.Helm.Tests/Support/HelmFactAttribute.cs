namespace Spool.Helm.Tests.Support;

/// <summary>A test that runs Helm: skipped, with the reason, off linux-x64.</summary>
public sealed class HelmFactAttribute : FactAttribute
{
    public HelmFactAttribute()
    {
        Skip = HelmBinary.UnsupportedPlatformReason;
    }
}
