using Spool.Operator.Crds;
using Spool.Operator.Tests.Support;

namespace Spool.Operator.Tests.Crds;

/// <summary>crds/ must be exactly what the generator makes of the C# types today.</summary>
public sealed class CrdFilesTests
{
    private const string Regenerate = "dotnet run --project operator/src/Spool.Operator -- generate-crds crds/";

    [Fact]
    public void Crds_directory_is_up_to_date()
    {
        foreach (var (fileName, yaml) in CrdGenerator.GenerateFiles())
        {
            var path = Path.Combine(RepoPaths.Crds, fileName);
            File.Exists(path).Should().BeTrue($"{path} should exist; run `{Regenerate}`");
            File.ReadAllText(path).Should().Be(yaml, $"{path} is stale: run `{Regenerate}` and commit the result");
        }
    }

    [Fact]
    public void Crds_directory_holds_no_other_definitions()
    {
        var expected = CrdGenerator.GenerateFiles().Select(f => f.FileName).ToHashSet();
        Directory.GetFiles(RepoPaths.Crds, "*.yaml").Select(Path.GetFileName).Should().BeSubsetOf(expected!, $"every CRD in crds/ comes from `{Regenerate}`");
    }
}
