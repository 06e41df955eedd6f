using Spool.Broker.Groups;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Tests.Groups;

/// <summary>Builders for coordinator requests and consumer-protocol payloads used across the group tests.</summary>
internal static class GroupRequests
{
    public static byte[] Subscription(params string[] topics)
    {
        using var writer = new KafkaWriter();
        writer.WriteInt16(0);
        new ConsumerProtocolSubscription { Topics = [.. topics] }.Write(writer, 0);
        return writer.ToArray();
    }

    public static byte[] Assignment(string topic, params int[] partitions)
    {
        using var writer = new KafkaWriter();
        writer.WriteInt16(0);
        new ConsumerProtocolAssignment
        {
            AssignedPartitions = [new ConsumerProtocolAssignment.TopicPartition { Topic = topic, Partitions = [.. partitions] }],
        }.Write(writer, 0);
        return writer.ToArray();
    }

    public static JoinGroupRequestArgs Join(
        string group,
        string memberId = "",
        string? instanceId = null,
        int sessionTimeoutMs = 10_000,
        int rebalanceTimeoutMs = 30_000,
        bool requireKnownMemberId = true,
        IReadOnlyList<GroupProtocol>? protocols = null,
        string protocolType = "consumer",
        bool supportSkippingAssignment = false) => new(
        group,
        memberId,
        instanceId,
        requireKnownMemberId && instanceId is null,
        supportSkippingAssignment,
        "client-" + group,
        "/127.0.0.1",
        rebalanceTimeoutMs,
        sessionTimeoutMs,
        protocolType,
        protocols ?? [new GroupProtocol("range", Subscription(CoordinatorHarness.Topic))]);

    public static SyncGroupRequestArgs Sync(string group, int generation, string memberId, IReadOnlyDictionary<string, byte[]>? assignments = null, string? instanceId = null) =>
        new(group, generation, memberId, instanceId, null, null, assignments ?? new Dictionary<string, byte[]>());

    /// <summary>
    /// Moves the clock in steps of the initial rebalance delay until the joins complete: every member joining
    /// during the initial delay extends it once more (up to the rebalance timeout).
    /// </summary>
    public static async Task<JoinGroupResult[]> CompleteJoinsAsync(ManualTimeProvider time, params Task<JoinGroupResult>[] joins)
    {
        for (var i = 0; i < 20 && !joins.All(j => j.IsCompleted); i++)
        {
            time.AdvanceMs(3000);
        }

        return await Task.WhenAll(joins);
    }

    /// <summary>A dynamic member's two-step join (MEMBER_ID_REQUIRED, then the join with the given id).</summary>
    public static async Task<Task<JoinGroupResult>> JoinNewAsync(GroupCoordinator coordinator, string group, int sessionTimeoutMs = 10_000, int rebalanceTimeoutMs = 30_000)
    {
        var first = await coordinator.JoinGroupAsync(Join(group, sessionTimeoutMs: sessionTimeoutMs, rebalanceTimeoutMs: rebalanceTimeoutMs));
        first.Error.Should().Be(ErrorCode.MemberIdRequired);
        return coordinator.JoinGroupAsync(Join(group, first.MemberId, sessionTimeoutMs: sessionTimeoutMs, rebalanceTimeoutMs: rebalanceTimeoutMs));
    }
}
