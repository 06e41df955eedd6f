using Spool.Client.Consumer;
using Spool.Client.Consumer.Groups;
using Spool.Client.Tests.Fakes;
using Spool.Client.Tests.Producer;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Consumer.Groups;

public sealed class GroupConsumerTests
{
    [Fact]
    public async Task A_single_member_gets_every_partition_and_commits_as_a_member()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 3);
        for (var p = 0; p < 3; p++)
        {
            ConsumerTests.Append(cluster, new TopicPartition("t", p), 2);
        }

        var listener = new RecordingListener();
        await using var consumer = GroupConsumer(cluster, "c1");
        consumer.Subscribe(["t"], listener);

        var records = await TestClients.PollUntilAsync(consumer, 6);
        records.Should().HaveCount(6);
        consumer.Assignment.Should().HaveCount(3);
        consumer.GroupMetadata!.GenerationId.Should().Be(1);
        listener.Calls.Should().ContainSingle().Which.Kind.Should().Be("assigned");
        cluster.ReceivedOf<JoinGroupRequest>().Should().HaveCount(2, "the first join only obtains a member id (KIP-394)");

        await consumer.CommitAsync();
        var commit = cluster.ReceivedOf<OffsetCommitRequest>().Last();
        commit.GenerationIdOrMemberEpoch.Should().Be(1);
        commit.MemberId.Should().Be(consumer.GroupMetadata.MemberId);
        cluster.Groups["g"].Offsets.Values.Should().OnlyContain(o => o.Offset == 2);
    }

    [Fact]
    public async Task Group_requests_use_a_connection_of_their_own_so_long_polls_do_not_delay_them()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        ConsumerTests.Append(cluster, new TopicPartition("t", 0), 2);
        await using var consumer = GroupConsumer(cluster, "c1");
        consumer.Subscribe(["t"]);
        (await TestClients.PollUntilAsync(consumer, 2)).Should().HaveCount(2);
        await consumer.CommitAsync();

        int[] Connections<T>() => [.. cluster.Received.Where(r => r.Body is T).Select(r => r.ConnectionId).Distinct()];
        var group = Connections<JoinGroupRequest>().Concat(Connections<SyncGroupRequest>()).Concat(Connections<OffsetCommitRequest>()).Distinct().ToList();
        group.Should().ContainSingle("one coordinator connection carries the group's requests");
        Connections<FetchRequest>().Should().NotBeEmpty().And.NotContain(group, "a broker answers one request per connection at a time");
    }

    [Fact]
    public async Task Members_share_partitions_without_overlap_and_take_over_when_one_leaves()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 4);
        var first = GroupConsumer(cluster, "c1");
        await using var second = GroupConsumer(cluster, "c2");
        first.Subscribe(["t"]);
        await PollUntilAsync(first, () => first.Assignment.Count == 4);

        second.Subscribe(["t"]);
        await PollBothUntilAsync(first, second, () => first.Assignment.Count == 2 && second.Assignment.Count == 2);
        first.Assignment.Intersect(second.Assignment).Should().BeEmpty();
        cluster.Groups["g"].Protocol.Should().Be("range");

        await first.DisposeAsync();
        await PollUntilAsync(second, () => second.Assignment.Count == 4);
        cluster.ReceivedOf<LeaveGroupRequest>().Should().ContainSingle();
    }

    [Fact]
    public async Task Eager_members_revoke_everything_before_rejoining()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 2);
        var listener = new RecordingListener();
        await using var first = GroupConsumer(cluster, "c1");
        await using var second = GroupConsumer(cluster, "c2");
        first.Subscribe(["t"], listener);
        await PollUntilAsync(first, () => first.Assignment.Count == 2);

        second.Subscribe(["t"]);
        await PollBothUntilAsync(first, second, () => first.Assignment.Count == 1 && second.Assignment.Count == 1);

        listener.Calls.Select(c => (c.Kind, c.Partitions.Length)).Should().Equal(("assigned", 2), ("revoked", 2), ("assigned", 1));
    }

    [Fact]
    public async Task Cooperative_members_only_give_up_the_partitions_that_move()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 4);
        var listener = new RecordingListener();
        await using var first = GroupConsumer(cluster, "c1", cooperative: true);
        await using var second = GroupConsumer(cluster, "c2", cooperative: true);
        first.Subscribe(["t"], listener);
        await PollUntilAsync(first, () => first.Assignment.Count == 4);
        var before = first.Assignment.ToHashSet();

        second.Subscribe(["t"]);
        await PollBothUntilAsync(first, second, () => first.Assignment.Count == 2 && second.Assignment.Count == 2);

        cluster.Groups["g"].Protocol.Should().Be("cooperative-sticky");
        first.Assignment.Should().BeSubsetOf(before);
        var calls = listener.Calls.ToList();
        calls.Where(c => c.Kind == "revoked").SelectMany(c => c.Partitions).Should().HaveCount(2, "only the two partitions that moved are revoked");
        calls.Should().NotContain(c => c.Kind == "revoked" && c.Partitions.Length == 4);
    }

    [Fact]
    public async Task Positions_start_at_the_groups_committed_offsets()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        var partition = new TopicPartition("t", 0);
        ConsumerTests.Append(cluster, partition, 10);
        cluster.Groups["g"] = new FakeGroup("g");
        cluster.Groups["g"].Offsets[partition] = (6, "", -1);
        await using var consumer = GroupConsumer(cluster, "c1");
        consumer.Subscribe(["t"]);

        var records = await TestClients.PollUntilAsync(consumer, 4);

        records.Select(r => r.Offset).Should().Equal(6, 7, 8, 9);
    }

    [Fact]
    public async Task The_leader_rebalances_when_a_subscribed_topic_gains_partitions()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var consumer = GroupConsumer(cluster, "c1", o => o.MetadataMaxAge = TimeSpan.FromMilliseconds(200));
        consumer.Subscribe(["t"]);
        await PollUntilAsync(consumer, () => consumer.Assignment.Count == 1);

        cluster.Topics["t"].Partitions.Add(new FakePartition(1, 0));
        await PollUntilAsync(consumer, () => consumer.Assignment.Count == 2);

        consumer.GroupMetadata!.GenerationId.Should().Be(2);
    }

    [Fact]
    public async Task A_member_that_stops_polling_leaves_and_reports_its_partitions_lost()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 2);
        var listener = new RecordingListener();
        await using var consumer = GroupConsumer(cluster, "c1", o => o.MaxPollInterval = TimeSpan.FromMilliseconds(400));
        consumer.Subscribe(["t"], listener);
        await PollUntilAsync(consumer, () => consumer.Assignment.Count == 2);
        var firstMember = consumer.GroupMetadata!.MemberId;

        await ProducerTests.WaitUntilAsync(() => cluster.ReceivedOf<LeaveGroupRequest>().Any());
        await PollUntilAsync(consumer, () => consumer.Assignment.Count == 2 && consumer.GroupMetadata!.GenerationId == 2);

        listener.Calls.Select(c => c.Kind).Should().Equal("assigned", "lost", "assigned");
        consumer.GroupMetadata!.MemberId.Should().NotBe(firstMember);
    }

    [Fact]
    public async Task A_fenced_member_reports_its_partitions_lost_and_rejoins()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        var listener = new RecordingListener();
        await using var consumer = GroupConsumer(cluster, "c1");
        consumer.Subscribe(["t"], listener);
        await PollUntilAsync(consumer, () => consumer.Assignment.Count == 1);
        var fenced = 0;
        cluster.Interceptor = (_, request) => request is HeartbeatRequest && Interlocked.Exchange(ref fenced, 1) == 0
            ? new HeartbeatResponse { ErrorCode = (short)ErrorCode.IllegalGeneration }
            : null;

        await ProducerTests.WaitUntilAsync(() => Volatile.Read(ref fenced) == 1);
        await PollUntilAsync(consumer, () => listener.Calls.Count == 3 && consumer.Assignment.Count == 1);

        listener.Calls.Select(c => c.Kind).Should().Equal("assigned", "lost", "assigned");
    }

    [Fact]
    public async Task Subscribing_needs_a_group_id_and_excludes_manual_assignment()
    {
        await using var cluster = new FakeCluster();
        await using var plain = TestClients.Consumer(cluster);
        plain.Invoking(c => c.Subscribe(["t"])).Should().Throw<KafkaException>().Which.Error.Should().Be(ErrorCode.InvalidGroupId);

        await using var member = GroupConsumer(cluster, "c1");
        member.Subscribe(["t"]);
        member.Invoking(c => c.Assign([new TopicPartition("t", 0)])).Should().Throw<InvalidOperationException>();
    }

    private static KafkaConsumer GroupConsumer(FakeCluster cluster, string clientId, bool cooperative = false) =>
        GroupConsumer(cluster, clientId, o =>
        {
            if (cooperative)
            {
                o.PartitionAssignmentStrategy = [new CooperativeStickyAssignor()];
            }
        });

    private static KafkaConsumer GroupConsumer(FakeCluster cluster, string clientId, Action<ConsumerOptions> configure) =>
        TestClients.Consumer(cluster, o =>
        {
            o.GroupId = "g";
            o.ClientId = clientId;
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(50);
            o.EnableAutoCommit = false;
            configure(o);
        });

    private static async Task PollUntilAsync(KafkaConsumer consumer, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await consumer.PollAsync(TimeSpan.FromMilliseconds(50));
        }

        condition().Should().BeTrue();
    }

    private static async Task PollBothUntilAsync(KafkaConsumer first, KafkaConsumer second, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.WhenAll(first.PollAsync(TimeSpan.FromMilliseconds(50)), second.PollAsync(TimeSpan.FromMilliseconds(50)));
        }

        condition().Should().BeTrue();
    }
}
