using System.Reflection;

namespace Spool.E2E.Tests.Harness;

/// <summary>Paths in the source tree (the build output lives elsewhere when SPOOL_ARTIFACTS is set).</summary>
public static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Crds => Path.Combine(Root, "crds");

    public static string Examples => Path.Combine(Root, "examples");

    public static string Compat => Path.Combine(Root, "tests", "compat");

    /// <summary>An executable next to the test assembly (project references copy spool-operator and spool-broker there).</summary>
    public static string Beside(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{fileName} is not next to the test assembly: the project must reference it", path);
    }
}
