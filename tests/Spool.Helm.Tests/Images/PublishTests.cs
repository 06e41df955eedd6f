using System.Text;
using System.Text.Json.Nodes;
using Spool.Testing;

namespace Spool.Helm.Tests.Images;

/// <summary>
/// The build stage of each Dockerfile, run without a container engine: from only what its COPY instructions bring
/// (through .dockerignore), its restore and `dotnet publish -c Release -r linux-x64 --self-contained false` must
/// succeed and produce the executable the ENTRYPOINT names, for the runtime the base image carries.
/// </summary>
public sealed class PublishTests
{
    public static TheoryData<string> Images => ImageTarget.Names();

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Build_stage_publishes_the_entrypoint_from_the_copied_files_only(string image)
    {
        var target = ImageTarget.Named(image);
        using var scratch = new TempDirectory($"spool-image-{image}");
        var log = new StringBuilder();
        await BuildStageRunner.RunAsync(target.Load(), RepoPaths.Root, scratch.Path, log);

        var output = BuildStageRunner.Host(scratch.Path, "/out");
        File.Exists(Path.Combine(output, $"{target.Assembly}.dll")).Should().BeTrue(log.ToString());
        var runtimeConfig = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, $"{target.Assembly}.runtimeconfig.json")))!;
        var frameworks = (runtimeConfig["runtimeOptions"]!["frameworks"] as JsonArray)!.Select(f => (f!["name"]!.GetValue<string>(), f["version"]!.GetValue<string>())).ToList();
        frameworks.Select(f => f.Item1).Should().Contain("Microsoft.AspNetCore.App", "the runtime image is mcr.microsoft.com/dotnet/aspnet");
        frameworks.Should().OnlyContain(f => f.Item2.StartsWith("10.", StringComparison.Ordinal), "the base images are .NET 10");
        runtimeConfig["runtimeOptions"]!["includedFrameworks"].Should().BeNull("framework-dependent: the runtime comes from the base image");
        Directory.GetFiles(output, "*.so").Should().BeEmpty("nothing native is bundled: the image installs what the broker loads");
    }
}
