using Spool.Client.Admin;
using Spool.Client.Internal;
using Spool.Client.Tests.Fakes;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Admin;

public sealed class GroupAdminTests
{
    private static readonly TopicPartition T0 = new("t", 0);
    private static readonly TopicPartition T1 = new("t", 1);

    [Fact]
    public async Task Lists_and_describes_groups_with_decoded_assignments()
    {
        await using var cluster = new FakeCluster(brokers: 2);
        cluster.CoordinatorId = 1;
        var group = new FakeGroup("g") { State = "Stable", ProtocolType = "consumer", Protocol = "range" };
        var assignment = new ConsumerProtocolAssignment
        {
            AssignedPartitions = [new ConsumerProtocolAssignment.TopicPartition { Topic = "t", Partitions = [0, 1] }],
        };
        group.Members.Add(("member-1", "client-1", ConsumerProtocol.Encode(assignment, 1)));
        cluster.Groups["g"] = group;
        cluster.Groups["simple"] = new FakeGroup("simple");
        await using var admin = TestClients.Admin(cluster);

        var listed = await admin.ListConsumerGroupsAsync();
        listed.Select(g => (g.GroupId, g.State, g.Coordinator)).Should().Equal(("g", "Stable", 1), ("simple", "Empty", 1));
        listed[1].IsSimpleConsumerGroup.Should().BeTrue();
        (await admin.ListConsumerGroupsAsync(new ListConsumerGroupsOptions { States = ["Stable"] })).Should().ContainSingle();

        var described = await admin.DescribeConsumerGroupAsync("g");
        described.State.Should().Be("Stable");
        described.PartitionAssignor.Should().Be("range");
        described.Coordinator!.NodeId.Should().Be(1);
        described.Members.Should().ContainSingle().Which.Assignment.Should().Equal(T0, T1);
    }

    [Fact]
    public async Task Resets_lists_and_deletes_committed_offsets()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 2);
        await using var admin = TestClients.Admin(cluster);

        var altered = await admin.AlterConsumerGroupOffsetsAsync("g", new Dictionary<TopicPartition, OffsetAndMetadata>
        {
            [T0] = new(5, "replay"),
            [T1] = new(9, null, 3),
        });
        altered.EnsureSuccess();

        var listed = await admin.ListConsumerGroupOffsetsAsync("g");
        listed.Should().Equal(new CommittedOffset(T0, 5, null, "replay", null), new CommittedOffset(T1, 9, 3, "", null));
        (await admin.ListConsumerGroupOffsetsAsync("g", [T1, new TopicPartition("other", 0)])).Select(o => o.Offset).Should().Equal(9, -1);

        (await admin.DeleteConsumerGroupOffsetsAsync("g", [T0])).EnsureSuccess();
        (await admin.ListConsumerGroupOffsetsAsync("g")).Select(o => o.TopicPartition).Should().Equal(T1);
    }

    [Fact]
    public async Task Resetting_offsets_of_an_active_group_is_refused()
    {
        await using var cluster = new FakeCluster();
        var group = new FakeGroup("g") { State = "Stable", ProtocolType = "consumer" };
        group.Members.Add(("m", "c", []));
        cluster.Groups["g"] = group;
        await using var admin = TestClients.Admin(cluster);

        var results = await admin.AlterConsumerGroupOffsetsAsync("g", new Dictionary<TopicPartition, OffsetAndMetadata> { [T0] = new(0) });

        results[0].Error!.Error.Should().Be(ErrorCode.UnknownMemberId);
    }

    [Fact]
    public async Task Deletes_only_empty_groups()
    {
        await using var cluster = new FakeCluster();
        cluster.Groups["empty"] = new FakeGroup("empty");
        var busy = new FakeGroup("busy") { State = "Stable" };
        busy.Members.Add(("m", "c", []));
        cluster.Groups["busy"] = busy;
        await using var admin = TestClients.Admin(cluster);

        var results = await admin.DeleteConsumerGroupsAsync(["empty", "busy", "ghost"]);

        results.Select(r => r.Error?.Error).Should().Equal(null, ErrorCode.NonEmptyGroup, ErrorCode.GroupIdNotFound);
        cluster.Groups.Keys.Should().Equal("busy");
    }

    [Fact]
    public async Task A_moved_coordinator_is_found_again()
    {
        await using var cluster = new FakeCluster(brokers: 2);
        await using var admin = TestClients.Admin(cluster);
        await admin.AlterConsumerGroupOffsetsAsync("g", new Dictionary<TopicPartition, OffsetAndMetadata> { [T0] = new(1) }).EnsureSuccessAsync();

        cluster.CoordinatorId = 1;
        var listed = await admin.ListConsumerGroupOffsetsAsync("g");

        listed.Should().ContainSingle().Which.Offset.Should().Be(1);
        cluster.ReceivedOf<FindCoordinatorRequest>().Should().HaveCount(2);
        cluster.Servers[1].ReceivedOf<OffsetFetchRequest>().Should().ContainSingle();
    }
}
