using Spool.E2E.Tests.Harness;

namespace Spool.E2E.Tests;

/// <summary>Two operator replicas share a Lease: one reconciles, the other takes over when it goes away.</summary>
[Collection(SpoolCollection.Name)]
public sealed class LeaderElectionTests(SpoolFixture fixture)
{
    private SpoolEnvironment Env => fixture.Env;

    private async Task TopicBecomesReadyAsync(string name)
    {
        await Env.CreateTopicAsync(name, SpoolFixture.ClusterName, 1);
        await Env.WaitForAsync(Env.Topics, name, t => SpoolEnvironment.IsReady(t.Status?.Conditions), "is Ready");
        await Env.Topics.DeleteAsync(Env.Namespace, name);
    }

    [Fact]
    public async Task One_replica_leads_and_the_standby_takes_over_when_it_dies_or_steps_down()
    {
        var leader = fixture.Operator;
        await Wait.UntilAsync(async () => await Env.LeaderAsync() == leader.Identity, $"{leader.Identity} holds the Lease");
        var standby = await Env.StartOperatorAsync(leader.Identity == "operator-b" ? "operator-a" : "operator-b");
        (await leader.MetricsAsync()).Should().Contain("spool_operator_leader{lease=");
        (await standby.MetricsAsync()).Should().NotContain("spool_operator_reconcile_total{", "a standby does not reconcile");
        (await Env.LeaderAsync()).Should().Be(leader.Identity);

        // The leader dies without releasing the Lease: the standby takes over once the lease duration (6 s) passes.
        await leader.KillAsync();
        await Wait.UntilAsync(async () => await Env.LeaderAsync() == standby.Identity, $"{standby.Identity} takes the Lease over",
            TimeSpan.FromSeconds(30), Env.OperatorOutput);
        fixture.Operator = standby;
        await TopicBecomesReadyAsync("after-failover");

        // A graceful stop releases the Lease, so a new standby takes over at once.
        var next = await Env.StartOperatorAsync(leader.Identity);
        await standby.StopAsync();
        standby.ExitCode.Should().Be(0);
        await Wait.UntilAsync(async () => await Env.LeaderAsync() == next.Identity, $"{next.Identity} takes the released Lease",
            TimeSpan.FromSeconds(15), Env.OperatorOutput);
        fixture.Operator = next;
        await TopicBecomesReadyAsync("after-handover");
    }
}
