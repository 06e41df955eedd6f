using Spool.Helm.Tests.Support;

namespace Spool.Helm.Tests;

/// <summary>NOTES.txt, which helm install prints: the bootstrap address and next commands, with the names the chart really creates.</summary>
public sealed class NotesTests
{
    private static async Task<string> NotesAsync(ChartScenario scenario, HelmBinary helm)
    {
        var result = await HelmRunner.RunAsync(helm, ["install", ChartScenario.Release, HelmRunner.ChartDirectory, "--dry-run=client", .. scenario.Arguments()]);
        result.Succeeded.Should().BeTrue(result.ToString());
        var start = result.Output.IndexOf("NOTES:", StringComparison.Ordinal);
        start.Should().BePositive(result.ToString());
        return result.Output[start..];
    }

    [HelmFact]
    public async Task Notes_print_the_bootstrap_address_and_the_commands_to_try()
    {
        // Helm 3's install --dry-run=client still asks a cluster for its version; Helm 4 renders NOTES offline.
        foreach (var helm in new[] { HelmBinary.Helm4 })
        {
            var notes = await NotesAsync(ChartScenario.ThreeBrokers, helm);
            var rendered = await ChartScenario.ThreeBrokers.RenderAsync();
            var cluster = rendered.OfKind("Cluster").Single();
            notes.Should().Contain($"{cluster.Name}-bootstrap.spool.svc.cluster.local:9092", helm.Name);
            notes.Should().Contain("kubectl -n spool wait clusters.spool.dev/events --for=condition=Ready");
            notes.Should().Contain("kind: Topic").And.Contain("clusterRef:\n      name: events");
            notes.Should().Contain("kubectl -n spool run kcat").And.Contain("-b events-bootstrap.spool.svc.cluster.local:9092 -t events -P");

            // Through a port-forward a client reaches one broker only: the recipe is offered for one-broker clusters.
            notes.Should().NotContain("port-forward").And.Contain("events-<n>.events-brokers.spool.svc.cluster.local:9092");
            notes.Should().Contain($"deployment/{rendered.OfKind("Deployment").Single().Name}");
        }
    }

    [HelmFact]
    public async Task Notes_without_a_cluster_show_how_to_create_one()
    {
        var notes = await NotesAsync(ChartScenario.Default, HelmBinary.Helm4);
        notes.Should().Contain("No Cluster was created").And.Contain("kind: Cluster").And.Contain("every namespace");
        var scoped = await NotesAsync(ChartScenario.NamespaceScoped, HelmBinary.Helm4);
        scoped.Should().Contain("the namespaces spool, apps");
    }

    [HelmFact]
    public async Task Notes_warn_about_doubled_monitoring()
    {
        var notes = await NotesAsync(ChartScenario.MonitoringOn, HelmBinary.Helm4);
        notes.Should().Contain("ConfigMap spool-dashboard in monitoring").And.Contain("fires twice").And.Contain("scraped twice");
        notes.Should().Contain("127.0.0.1 spool-0.spool-brokers.spool.svc.cluster.local").And.Contain("port-forward pod/spool-0 9092:9092");
    }
}
