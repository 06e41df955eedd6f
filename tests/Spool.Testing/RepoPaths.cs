using System.Reflection;

namespace Spool.Testing;

/// <summary>Paths inside the source repository, recorded at build time (tests may run from anywhere).</summary>
public static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "SpoolRepoRoot")?.Value
        ?? throw new InvalidOperationException("SpoolRepoRoot assembly metadata is missing (set in tests/Directory.Build.props)");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
