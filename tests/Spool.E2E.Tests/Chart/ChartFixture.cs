using System.Text.Json.Nodes;
using Spool.E2E.Tests.Harness;
using Spool.Operator.Entities;

namespace Spool.E2E.Tests.Chart;

/// <summary>
/// An emulated cluster where Spool is installed as the chart installs it: the CRDs, the Prometheus Operator's CRDs
/// (so the operator manages its per-Cluster monitoring objects too), the chart's ServiceAccount, roles and bindings
/// with RBAC enforced, and one operator replica started with the chart's flags and its ServiceAccount's token; then
/// a Cluster "events" with one real broker, Ready. The release namespace is spool-system.
/// </summary>
public abstract class ChartFixture : IAsyncLifetime
{
    public const string ClusterName = "events";

    public const string ServiceAccount = "spool-operator";

    /// <summary>The chart's flags that mean the same out of a pod; the rest (ports, images, resync) the harness sets for a test run.</summary>
    private static readonly string[] ChartFlags =
        ["--watch-namespaces", "--leader-elect", "--leader-election-namespace", "--leader-election-name", "--cluster-domain", "--max-concurrent-reconciles"];

    public SpoolEnvironment Env { get; private set; } = null!;

    public OperatorProcess Operator { get; private set; } = null!;

    /// <summary>Everything `helm template` rendered for this installation.</summary>
    public IReadOnlyList<JsonObject> Rendered { get; private set; } = [];

    /// <summary>The chart's operator flags passed to the replica.</summary>
    public IReadOnlyList<string> OperatorFlags { get; private set; } = [];

    /// <summary>--set arguments of this installation.</summary>
    protected abstract IReadOnlyList<string> Values { get; }

    protected virtual SpoolEnvironmentOptions Options => new()
    {
        OperatorNamespace = "spool-system",
        Namespace = "spool-e2e",
        ServiceAccount = ServiceAccount,
        ClusterRules = null,
        LeaseRules = null,
    };

    public async Task InitializeAsync()
    {
        if (ChartRendering.MissingReason is not null)
        {
            return;
        }

        var options = Options;
        Rendered = await ChartRendering.RenderAsync(options.OperatorNamespace, Values);
        var container = Rendered.Single(o => o["kind"]!.GetValue<string>() == "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        OperatorFlags = [.. container["args"]!.AsArray().Select(a => a!.GetValue<string>()).Where(a => ChartFlags.Contains(a.Split('=')[0]))];
        container["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).Should().Contain("POD_NAME", "the replica's Lease identity comes from it");

        Env = await SpoolEnvironment.StartAsync(options);
        await Env.InstallMonitoringCrdsAsync();
        await Env.InstallRenderedRbacAsync(Rendered, options.OperatorNamespace, ServiceAccount);
        Operator = await Env.StartOperatorAsync("operator-chart", [.. OperatorFlags]);
        await Env.CreateClusterAsync(ClusterName, spec => spec.Config = new()
        {
            ["auto.create.topics.enable"] = "false",
            ["group.initial.rebalance.delay.ms"] = "0",
        });
        await Env.WaitForAsync(Env.Clusters, ClusterName, c => SpoolEnvironment.IsReady(c.Status?.Conditions), "is Ready", TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        if (Env is not null)
        {
            await Env.DisposeAsync();
        }
    }

    public Task<SpoolCluster> ClusterAsync() => Env.Clusters.GetAsync(Env.Namespace, ClusterName);
}
