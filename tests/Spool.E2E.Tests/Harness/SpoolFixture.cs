using Spool.Operator.Entities;

namespace Spool.E2E.Tests.Harness;

/// <summary>
/// Shared by the scenarios of <see cref="SpoolCollection"/>: one emulated cluster, one operator replica leading,
/// and one Spool Cluster "events" with a single real broker, Ready before any test runs.
/// </summary>
public class SpoolFixture : IAsyncLifetime
{
    public const string ClusterName = "events";

    public SpoolEnvironment Env { get; private set; } = null!;

    /// <summary>The replica expected to lead; tests that replace it set the new one.</summary>
    public OperatorProcess Operator { get; set; } = null!;

    protected virtual SpoolEnvironmentOptions Options => new();

    public async Task InitializeAsync()
    {
        Env = await SpoolEnvironment.StartAsync(Options);
        Operator = await Env.StartOperatorAsync("operator-a");
        await Env.CreateClusterAsync(ClusterName, spec => spec.Config = new()
        {
            // A consumer group's first rebalance need not wait for more members in a test.
            ["group.initial.rebalance.delay.ms"] = "0",
            ["auto.create.topics.enable"] = "false",
        });
        await Env.WaitForAsync(Env.Clusters, ClusterName, c => SpoolEnvironment.IsReady(c.Status?.Conditions), "is Ready", TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync() => await Env.DisposeAsync();

    /// <summary>The cluster as the API has it now.</summary>
    public Task<SpoolCluster> ClusterAsync() => Env.Clusters.GetAsync(Env.Namespace, ClusterName);
}
