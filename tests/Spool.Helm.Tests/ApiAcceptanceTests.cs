using Spool.Helm.Tests.Support;

namespace Spool.Helm.Tests;

/// <summary>What helm install does, against the API emulator: the CRDs first, then every rendered object, all accepted.</summary>
public sealed class ApiAcceptanceTests
{
    public static TheoryData<string> Scenarios => ChartScenario.Names();

    [HelmTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_rendered_object_is_accepted_by_the_api(string scenario)
    {
        var spec = ChartScenario.Named(scenario);
        var result = await spec.TemplateAsync(HelmBinary.Helm4, "--include-crds");
        result.Succeeded.Should().BeTrue(result.ToString());
        var rendered = RenderedChart.Parse(result.Output);
        var namespaces = rendered.Manifests.Select(m => m.Namespace).OfType<string>().Distinct().ToList();
        await using var cluster = await EmulatedCluster.StartAsync(namespaces);

        // Helm creates crds/ before anything else and waits until they are served.
        foreach (var manifest in rendered.Manifests.OrderBy(m => m.Kind == "CustomResourceDefinition" ? 0 : 1))
        {
            var (status, body) = await cluster.CreateAsync(manifest.Object);
            status.Should().Be(201, $"{manifest} must be accepted:\n{body}");
        }
    }
}
