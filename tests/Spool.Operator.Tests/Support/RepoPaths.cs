using System.Reflection;

namespace Spool.Operator.Tests.Support;

/// <summary>Paths in the source tree (the build output lives elsewhere when SPOOL_ARTIFACTS is set).</summary>
public static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Crds => Path.Combine(Root, "crds");

    public static string Examples => Path.Combine(Root, "examples");

    public static string Golden => Path.Combine(Root, "tests", "Spool.Operator.Tests", "Golden");
}
