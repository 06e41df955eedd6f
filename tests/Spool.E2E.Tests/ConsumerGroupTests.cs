using Spool.E2E.Tests.Harness;
using Spool.Kubernetes.Models;
using Spool.Operator.Entities;
using Spool.Operator.Reconcilers;

namespace Spool.E2E.Tests;

/// <summary>A kafkajs consumer group observed and replayed through a ConsumerGroup resource.</summary>
[Collection(SpoolCollection.Name)]
public sealed class ConsumerGroupTests(SpoolFixture fixture)
{
    private const string Topic = "payments";
    private const string Group = "billing";

    private SpoolEnvironment Env => fixture.Env;

    [KafkajsFact]
    public async Task Lag_shows_in_status_and_a_reset_to_earliest_replays_everything_once_the_group_is_empty()
    {
        await Env.CreateTopicAsync(Topic, SpoolFixture.ClusterName, 3);
        await Env.WaitForAsync(Env.Topics, Topic, t => SpoolEnvironment.IsReady(t.Status?.Conditions), "is Ready");
        await Env.Groups.CreateAsync(new SpoolConsumerGroup
        {
            Metadata = new ObjectMeta { Name = Group, Namespace = Env.Namespace },
            Spec = new ConsumerGroupSpec
            {
                ClusterRef = new ClusterReference { Name = SpoolFixture.ClusterName },
                Topics = [Topic],
                LagAlerting = new LagAlerting { MaxLagRecords = 100, Severity = AlertSeverity.Critical },
            },
        });
        await Env.ProduceAsync(SpoolFixture.ClusterName, Topic, 30, "first");

        // A consumer reads everything, commits and stops: no lag. Then more records arrive and nobody reads them.
        await using (var first = Kafkajs.Start(Env, SpoolFixture.ClusterName, Topic, Group, expect: 30))
        {
            (await first.ConsumedAsync()).Should().Be(30, first.Output);
            await first.WaitForExitAsync();
        }

        await Env.ProduceAsync(SpoolFixture.ClusterName, Topic, 20, "second");
        var lagging = await Env.WaitForAsync(Env.Groups, Group, g => g.Status?.TotalLag == 20 && g.Status.State == "Empty", "shows a lag of 20 records");
        (lagging.Status!.Members, lagging.Status.Lag!.Single().Topic).Should().Be((0, Topic));

        // A member is active: the reset waits, and says so.
        await using var member = Kafkajs.Start(Env, SpoolFixture.ClusterName, Topic, Group, expect: 20, stay: true);
        (await member.ConsumedAsync()).Should().Be(20, member.Output);
        await Env.WaitForAsync(Env.Groups, Group, g => g.Status?.Members == 1, "has one member");
        await Env.UpdateAsync(Env.Groups, Group, g => g.Spec!.ResetOffsets = new OffsetReset { To = ResetTarget.Earliest, RequestId = "replay-1" });
        var waiting = await Env.WaitForAsync(Env.Groups, Group,
            g => g.Status is not null && g.Status.ObservedGeneration == g.Metadata.Generation && Conditions.Find(g.Status.Conditions, Conditions.Progressing)?.Reason == Reasons.ResetPending,
            "says the reset waits for the group to empty");
        Conditions.Find(waiting.Status!.Conditions, Conditions.Progressing)!.Message.Should().Contain("no active members");
        waiting.Status.LastAppliedResetId.Should().BeNull();

        // The member leaves: the reset is applied once, and the group reads everything again.
        await member.StopAsync();
        var reset = await Env.WaitForAsync(Env.Groups, Group, g => g.Status?.LastAppliedResetId == "replay-1", "applies reset replay-1");
        reset.Status!.TotalLag.Should().Be(50);
        await using (var replay = Kafkajs.Start(Env, SpoolFixture.ClusterName, Topic, Group, expect: 50))
        {
            (await replay.ConsumedAsync()).Should().Be(50, replay.Output);
            await replay.WaitForExitAsync();
        }

        var caughtUp = await Env.WaitForAsync(Env.Groups, Group, g => g.Status?.TotalLag == 0 && g.Status.State == "Empty", "has caught up");
        caughtUp.Status!.LastAppliedResetId.Should().Be("replay-1", "the request is not applied a second time");
    }
}
