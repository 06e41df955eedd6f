using Spool.E2E.Tests.Harness;

namespace Spool.E2E.Tests;

/// <summary>Level-triggered reconciles: an operator killed in the middle of its work converges after it restarts.</summary>
[Collection(SpoolCollection.Name)]
public sealed class OperatorRestartTests(SpoolFixture fixture)
{
    private SpoolEnvironment Env => fixture.Env;

    [Fact]
    public async Task An_operator_killed_mid_reconcile_converges_after_restart()
    {
        var names = Enumerable.Range(1, 5).Select(i => $"burst-{i}").ToList();
        foreach (var name in names)
        {
            await Env.CreateTopicAsync(name, SpoolFixture.ClusterName, 2);
        }

        // Kill it as soon as it has started on the burst, with most of the topics still to do.
        await Wait.UntilAsync(async () => (await Env.Topics.TryGetAsync(Env.Namespace, names[0]))?.Metadata.Finalizers is { Count: > 0 },
            "the operator started on the burst", context: Env.OperatorOutput);
        await fixture.Operator.KillAsync();

        fixture.Operator = await Env.StartOperatorAsync(fixture.Operator.Identity);
        foreach (var name in names)
        {
            var topic = await Env.WaitForAsync(Env.Topics, name, t => t.Status is not null && SpoolEnvironment.IsReady(t.Status.Conditions) && t.Status.Partitions == 2, "is Ready with 2 partitions");
            topic.Metadata.Finalizers.Should().ContainSingle();
        }

        await using var admin = Env.Admin(SpoolFixture.ClusterName);
        var described = await admin.DescribeTopicsAsync(names);
        described.Should().OnlyContain(d => d.Error == null && d.Partitions.Count == 2);
        foreach (var name in names)
        {
            await Env.Topics.DeleteAsync(Env.Namespace, name);
        }
    }
}
