using Spool.Client;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Operator.Entities;
using Spool.Operator.Reconcilers;
using Spool.Operator.Tests.Support;

namespace Spool.Operator.Tests.Reconcilers;

/// <summary>The ConsumerGroup reconciler against the API emulator and a fake Kafka cluster.</summary>
public sealed class ConsumerGroupReconcilerTests : IAsyncLifetime
{
    private ReconcilerEnvironment _env = null!;

    public async Task InitializeAsync()
    {
        _env = await ReconcilerEnvironment.StartAsync();
        await _env.ReadyClusterAsync();
        var topic = new FakeTopic(Spool.Protocol.Uuid.NewRandom(), 2);
        topic.End[0] = 100;
        topic.End[1] = 50;
        _env.Kafka.Topics["payments"] = topic;
        var group = new FakeGroup { State = "Stable", Members = 1 };
        group.Committed[new TopicPartition("payments", 0)] = new OffsetAndMetadata(90);
        group.Committed[new TopicPartition("payments", 1)] = new OffsetAndMetadata(20);
        _env.Kafka.Groups["billing"] = group;
    }

    public async Task DisposeAsync() => await _env.DisposeAsync();

    private ResourceClient<SpoolConsumerGroup> Groups => _env.Client.Resource<SpoolConsumerGroup>();

    private Task Reconcile() => _env.ReconcileAsync(_env.GroupReconciler(), _env.Groups, "billing");

    private async Task<ConsumerGroupStatus> StatusAsync() => (await Groups.GetAsync(ReconcilerEnvironment.Namespace, "billing")).Status!;

    private async Task SetResetAsync(string requestId, ResetTarget to) =>
        await Groups.UpdateAsync(ReconcilerEnvironment.Namespace, "billing", g =>
        {
            g.Spec!.ResetOffsets = new OffsetReset { To = to, RequestId = requestId };
            return true;
        });

    [Fact]
    public async Task Lag_state_and_members_are_reported()
    {
        await Groups.CreateAsync(new SpoolConsumerGroup
        {
            Metadata = new ObjectMeta { Name = "billing", Namespace = ReconcilerEnvironment.Namespace },
            Spec = new ConsumerGroupSpec { ClusterRef = new ClusterReference { Name = "events" } },
        });
        await Reconcile();
        var status = await StatusAsync();
        (status.State, status.Members, status.TotalLag, status.GroupId).Should().Be(("Stable", 1, 40L, "billing"));
        status.Lag.Should().ContainSingle().Which.Lag.Should().Be(40);
        Conditions.IsTrue(status.Conditions, Conditions.Ready).Should().BeTrue();
    }

    [Fact]
    public async Task A_reset_waits_for_an_empty_group_and_is_applied_once()
    {
        await Groups.CreateAsync(new SpoolConsumerGroup
        {
            Metadata = new ObjectMeta { Name = "billing", Namespace = ReconcilerEnvironment.Namespace },
            Spec = new ConsumerGroupSpec { ClusterRef = new ClusterReference { Name = "events" }, ResetOffsets = new OffsetReset { To = ResetTarget.Earliest, RequestId = "replay-1" } },
        });
        await Reconcile();
        var waiting = await StatusAsync();
        Conditions.Find(waiting.Conditions, Conditions.Progressing)!.Reason.Should().Be(Reasons.ResetPending);
        Conditions.Find(waiting.Conditions, Conditions.Progressing)!.Message.Should().Contain("no active members");
        _env.Kafka.Calls.Should().BeEmpty();

        _env.Kafka.Groups["billing"].Members = 0;
        _env.Kafka.Groups["billing"].State = "Empty";
        await Reconcile();
        var applied = await StatusAsync();
        (applied.LastAppliedResetId, applied.TotalLag).Should().Be(("replay-1", 150L));
        _env.Kafka.Calls.Should().Equal("reset billing payments-0=0,payments-1=0");

        await Reconcile();
        _env.Kafka.Calls.Should().HaveCount(1, "a requestId is applied once");
    }

    [Fact]
    public async Task A_reset_found_applied_after_a_crash_is_recorded_not_repeated()
    {
        var group = _env.Kafka.Groups["billing"];
        (group.Members, group.State) = (0, "Empty");
        group.Committed[new TopicPartition("payments", 0)] = new OffsetAndMetadata(95, ConsumerGroupReconciler.ResetMarkerPrefix + "shift-1");
        group.Committed[new TopicPartition("payments", 1)] = new OffsetAndMetadata(25, ConsumerGroupReconciler.ResetMarkerPrefix + "shift-1");
        await Groups.CreateAsync(new SpoolConsumerGroup
        {
            Metadata = new ObjectMeta { Name = "billing", Namespace = ReconcilerEnvironment.Namespace },
            Spec = new ConsumerGroupSpec
            {
                ClusterRef = new ClusterReference { Name = "events" },
                ResetOffsets = new OffsetReset { To = ResetTarget.ShiftBy, Value = System.Text.Json.Nodes.JsonValue.Create(5), RequestId = "shift-1" },
            },
        });
        await Reconcile();
        (await StatusAsync()).LastAppliedResetId.Should().Be("shift-1");
        _env.Kafka.Calls.Should().BeEmpty("the offsets already carry this request's marker");

        await SetResetAsync("latest-1", ResetTarget.Latest);
        await Reconcile();
        _env.Kafka.Calls.Should().Equal("reset billing payments-0=100,payments-1=50");
    }
}
