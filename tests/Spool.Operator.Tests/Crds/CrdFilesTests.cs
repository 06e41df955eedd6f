using Spool.Operator.Crds;
using Spool.Operator.Tests.Support;

namespace Spool.Operator.Tests.Crds;

/// <summary>crds/ must be exactly what the generator makes of the C# types today.</summary>
public sealed class CrdFilesTests
{
    private const string Regenerate = "dotnet run --project operator/src/Spool.Operator -- generate-crds crds/ charts/spool/crds/";

    public static TheoryData<string> Directories => new() { RepoPaths.Crds, Path.Combine(RepoPaths.Crds, "..", "charts", "spool", "crds") };

    [Theory]
    [MemberData(nameof(Directories))]
    public void Crds_directory_is_up_to_date(string directory)
    {
        foreach (var (fileName, yaml) in CrdGenerator.GenerateFiles())
        {
            var path = Path.Combine(directory, fileName);
            File.Exists(path).Should().BeTrue($"{path} should exist; run `{Regenerate}`");
            File.ReadAllText(path).Should().Be(yaml, $"{path} is stale: run `{Regenerate}` and commit the result");
        }
    }

    [Theory]
    [MemberData(nameof(Directories))]
    public void Crds_directory_holds_no_other_definitions(string directory)
    {
        var expected = CrdGenerator.GenerateFiles().Select(f => f.FileName).ToHashSet();
        Directory.GetFiles(directory, "*.yaml").Select(Path.GetFileName).Should().BeSubsetOf(expected!, $"every CRD in crds/ comes from `{Regenerate}`");
    }
}
