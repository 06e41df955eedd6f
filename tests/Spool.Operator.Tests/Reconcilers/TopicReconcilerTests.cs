using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Operator.Entities;
using Spool.Operator.Reconcilers;
using Spool.Operator.Tests.Support;

namespace Spool.Operator.Tests.Reconcilers;

/// <summary>The Topic reconciler against the API emulator and a fake Kafka cluster.</summary>
public sealed class TopicReconcilerTests : IAsyncLifetime
{
    private ReconcilerEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await ReconcilerEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    private ResourceClient<SpoolTopic> Topics => _env.Client.Resource<SpoolTopic>();

    private Task Reconcile(string name) => _env.ReconcileAsync(_env.TopicReconciler(), _env.Topics, name);

    private async Task<SpoolTopic> CreateAsync(string name, int partitions, Dictionary<string, string>? config = null, Dictionary<string, string>? annotations = null) =>
        await Topics.CreateAsync(new SpoolTopic
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ReconcilerEnvironment.Namespace, Annotations = annotations },
            Spec = new TopicSpec { ClusterRef = new ClusterReference { Name = "events" }, Partitions = partitions, Config = config },
        });

    private async Task<Condition> ReadyOf(string name) =>
        Conditions.Find((await Topics.GetAsync(ReconcilerEnvironment.Namespace, name)).Status?.Conditions, Conditions.Ready)!;

    private async Task UpdateSpecAsync(string name, Action<TopicSpec> change) =>
        await Topics.UpdateAsync(ReconcilerEnvironment.Namespace, name, t =>
        {
            change(t.Spec!);
            return true;
        });

    [Fact]
    public async Task Create_raise_refuse_decrease_revert_drift_and_delete()
    {
        await _env.ReadyClusterAsync();
        await CreateAsync("orders", 6, new() { ["retention.ms"] = "3600000" });
        await Reconcile("orders");
        _env.Kafka.Topics["orders"].End.Should().HaveCount(6);
        _env.Kafka.Topics["orders"].Configs.Should().Equal(new Dictionary<string, string> { ["retention.ms"] = "3600000" });
        var created = await Topics.GetAsync(ReconcilerEnvironment.Namespace, "orders");
        created.Metadata.Finalizers.Should().Contain(TopicReconciler.Finalizer);
        (created.Status!.Partitions, created.Status.TopicId, created.Status.ObservedGeneration).Should().Be((6, _env.Kafka.Topics["orders"].Id.ToString(), created.Metadata.Generation));
        (await ReadyOf("orders")).Status.Should().Be("True");

        await UpdateSpecAsync("orders", s => s.Partitions = 12);
        await Reconcile("orders");
        _env.Kafka.Topics["orders"].End.Should().HaveCount(12);

        await UpdateSpecAsync("orders", s => s.Partitions = 3);
        await Reconcile("orders");
        _env.Kafka.Topics["orders"].End.Should().HaveCount(12, "partitions are never removed");
        var refused = await ReadyOf("orders");
        (refused.Status, refused.Reason).Should().Be(("False", Reasons.PartitionDecreaseRefused));
        refused.Message.Should().Contain("cannot remove partitions");

        await UpdateSpecAsync("orders", s => s.Partitions = 12);
        _env.Kafka.Topics["orders"].Configs["max.message.bytes"] = "1";
        await Reconcile("orders");
        _env.Kafka.Topics["orders"].Configs.Should().NotContainKey("max.message.bytes", "drift made outside the resource is reverted");
        (await ReadyOf("orders")).Status.Should().Be("True");

        await Topics.DeleteAsync(ReconcilerEnvironment.Namespace, "orders");
        await Reconcile("orders");
        _env.Kafka.Topics.Should().NotContainKey("orders");
        (await Topics.TryGetAsync(ReconcilerEnvironment.Namespace, "orders")).Should().BeNull("the finalizer was removed");
    }

    [Fact]
    public async Task Retained_topics_outlive_their_resource()
    {
        await _env.ReadyClusterAsync();
        await CreateAsync("audit", 1, annotations: new() { [SpoolTopic.DeletionPolicyAnnotation] = "retain" });
        await Reconcile("audit");
        await Topics.DeleteAsync(ReconcilerEnvironment.Namespace, "audit");
        await Reconcile("audit");
        _env.Kafka.Topics.Should().ContainKey("audit");
        (await Topics.TryGetAsync(ReconcilerEnvironment.Namespace, "audit")).Should().BeNull();
    }

    [Fact]
    public async Task A_missing_cluster_is_reported_and_does_not_block_deletion()
    {
        await CreateAsync("lonely", 1);
        await Reconcile("lonely");
        var ready = await ReadyOf("lonely");
        (ready.Status, ready.Reason).Should().Be(("False", Reasons.ClusterNotFound));
        await Topics.DeleteAsync(ReconcilerEnvironment.Namespace, "lonely");
        await Reconcile("lonely");
        (await Topics.TryGetAsync(ReconcilerEnvironment.Namespace, "lonely")).Should().BeNull();
    }

    [Fact]
    public async Task Kafka_errors_are_reported_in_status()
    {
        await _env.ReadyClusterAsync();
        await CreateAsync("bad", 1, new() { ["bogus.config"] = "1" });
        await Reconcile("bad");
        var ready = await ReadyOf("bad");
        (ready.Status, ready.Reason).Should().Be(("False", Reasons.InvalidTopic));
        ready.Message.Should().Contain("bogus.config");
    }

    [Fact]
    public async Task Two_resources_for_one_topic_conflict()
    {
        await _env.ReadyClusterAsync();
        await CreateAsync("first", 1);
        await Topics.CreateAsync(new SpoolTopic
        {
            Metadata = new ObjectMeta { Name = "second", Namespace = ReconcilerEnvironment.Namespace },
            Spec = new TopicSpec { ClusterRef = new ClusterReference { Name = "events" }, TopicName = "first" },
        });
        await Reconcile("first");
        await Reconcile("second");
        (await ReadyOf("second")).Reason.Should().Be(Reasons.TopicNameConflict);
        await Topics.DeleteAsync(ReconcilerEnvironment.Namespace, "second");
        await Reconcile("second");
        _env.Kafka.Topics.Should().ContainKey("first", "deleting the conflicting resource leaves the other's topic alone");
    }
}
