using Spool.Helm.Tests.Support;

namespace Spool.Helm.Tests;

/// <summary>helm lint --strict and helm template succeed for every values file, with Helm 4 and Helm 3 alike.</summary>
public sealed class LintTests
{
    public static TheoryData<string, string> Scenarios => ChartScenario.NamesAndHelms();

    [HelmTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Chart_lints_cleanly(string scenario, string helm)
    {
        var binary = HelmBinary.All.Single(h => h.Name == helm);
        var result = await HelmRunner.RunAsync(binary, ["lint", "--strict", HelmRunner.ChartDirectory, .. ChartScenario.Named(scenario).Arguments()]);
        result.Succeeded.Should().BeTrue(result.ToString());
        result.Output.Should().Contain("0 chart(s) failed", result.ToString());
    }

    [HelmTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Chart_renders(string scenario, string helm)
    {
        var binary = HelmBinary.All.Single(h => h.Name == helm);
        var rendered = await ChartScenario.Named(scenario).RenderAsync(binary);
        rendered.Manifests.Should().NotBeEmpty();
        rendered.OfKind("Deployment").Should().ContainSingle();
    }

    /// <summary>Helm 3 and Helm 4 render the same objects: nothing in the templates depends on the major version.</summary>
    [HelmTheory]
    [MemberData(nameof(ScenarioNames))]
    public async Task Helm_3_and_Helm_4_render_the_same_objects(string scenario)
    {
        var helm4 = await ChartScenario.Named(scenario).RenderAsync(HelmBinary.Helm4);
        var helm3 = await ChartScenario.Named(scenario).RenderAsync(HelmBinary.Helm3);
        helm3.Manifests.Select(m => m.Object.ToJsonString()).Should().Equal(helm4.Manifests.Select(m => m.Object.ToJsonString()));
    }

    public static TheoryData<string> ScenarioNames => ChartScenario.Names();
}
