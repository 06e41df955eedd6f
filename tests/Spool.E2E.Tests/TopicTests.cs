using Spool.Client.Admin;
using Spool.E2E.Tests.Harness;
using Spool.Operator.Entities;
using Spool.Operator.Reconcilers;
using Spool.Protocol.Configs;

namespace Spool.E2E.Tests;

/// <summary>Topic resources against the real broker, through the operator's Kafka admin client.</summary>
[Collection(SpoolCollection.Name)]
public sealed class TopicTests(SpoolFixture fixture)
{
    private SpoolEnvironment Env => fixture.Env;

    private async Task<TopicDescription?> DescribeAsync(string topic)
    {
        await using var admin = Env.Admin(SpoolFixture.ClusterName);
        var description = (await admin.DescribeTopicsAsync([topic]))[0];
        return description.Error is null ? description : null;
    }

    private async Task<int> PartitionsInBrokerAsync(string topic) => (await DescribeAsync(topic))?.Partitions.Count ?? 0;

    [Fact]
    public async Task Topic_is_created_raised_refused_a_decrease_configured_kept_in_line_and_deleted()
    {
        await Env.CreateTopicAsync("orders", SpoolFixture.ClusterName, 6);
        var created = await Env.WaitForAsync(Env.Topics, "orders", t => SpoolEnvironment.IsReady(t.Status?.Conditions), "is Ready");
        (await PartitionsInBrokerAsync("orders")).Should().Be(6);
        created.Status!.TopicId.Should().Be((await DescribeAsync("orders"))!.TopicId.ToString());

        await Env.UpdateAsync(Env.Topics, "orders", t => t.Spec!.Partitions = 12);
        await Env.WaitForAsync(Env.Topics, "orders", t => t.Status?.Partitions == 12 && SpoolEnvironment.IsReady(t.Status.Conditions), "has 12 partitions");
        (await PartitionsInBrokerAsync("orders")).Should().Be(12);

        await Env.UpdateAsync(Env.Topics, "orders", t => t.Spec!.Partitions = 3);
        var refused = await Env.WaitForAsync(Env.Topics, "orders",
            t => t.Status is not null && t.Status.ObservedGeneration == t.Metadata.Generation && SpoolEnvironment.ReadyReason(t.Status.Conditions) == Reasons.PartitionDecreaseRefused,
            "refuses the decrease");
        Conditions.Find(refused.Status!.Conditions, Conditions.Ready)!.Message.Should().Contain("cannot remove partitions");
        (await PartitionsInBrokerAsync("orders")).Should().Be(12, "the topic is left untouched");

        await Env.UpdateAsync(Env.Topics, "orders", t =>
        {
            t.Spec!.Partitions = 12;
            t.Spec.Config = new() { ["retention.ms"] = "7200000", ["cleanup.policy"] = "delete" };
        });
        await Env.WaitForAsync(Env.Topics, "orders", t => t.Status is not null && t.Status.ObservedGeneration == t.Metadata.Generation && SpoolEnvironment.IsReady(t.Status.Conditions), "is Ready again");
        await using (var admin = Env.Admin(SpoolFixture.ClusterName))
        {
            await Wait.UntilAsync(async () => (await admin.DescribeConfigAsync(ConfigResource.Topic("orders"))).Get("retention.ms")?.Value == "7200000",
                "retention.ms=7200000 is set on the topic");

            // Drift made outside the resource is reverted on the next reconcile (resync).
            await admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyList<AlterConfigOp>>
            {
                [ConfigResource.Topic("orders")] = [AlterConfigOp.Set("retention.ms", "1000"), AlterConfigOp.Set("max.message.bytes", "2048")],
            });
            await Wait.UntilAsync(async () =>
            {
                var configs = await admin.DescribeConfigAsync(ConfigResource.Topic("orders"));
                return configs.Get("retention.ms")?.Value == "7200000" && configs.Get("max.message.bytes")?.Source != ConfigSource.DynamicTopicConfig;
            }, "the operator reverts the configs changed outside the resource", context: Env.OperatorOutput);
        }

        await Env.Topics.DeleteAsync(Env.Namespace, "orders");
        await Wait.UntilAsync(async () => await Env.Topics.TryGetAsync(Env.Namespace, "orders") is null && await DescribeAsync("orders") is null,
            "the resource and the Kafka topic are gone", context: Env.OperatorOutput);
    }

    [Fact]
    public async Task A_retained_topic_outlives_its_resource()
    {
        await Env.CreateTopicAsync("audit-log", SpoolFixture.ClusterName, 1, t =>
        {
            t.Metadata.Annotations = new() { [SpoolTopic.DeletionPolicyAnnotation] = "retain" };
            t.Spec!.TopicName = "audit.log";
        });
        await Env.WaitForAsync(Env.Topics, "audit-log", t => SpoolEnvironment.IsReady(t.Status?.Conditions), "is Ready");
        await Env.Topics.DeleteAsync(Env.Namespace, "audit-log");
        await Wait.UntilAsync(async () => await Env.Topics.TryGetAsync(Env.Namespace, "audit-log") is null, "the resource is gone");
        (await PartitionsInBrokerAsync("audit.log")).Should().Be(1, "spool.dev/deletion-policy: retain keeps the topic");
    }
}
