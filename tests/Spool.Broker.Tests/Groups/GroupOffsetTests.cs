using Spool.Broker.Groups;
using Spool.Protocol;
using Spool.Storage;

namespace Spool.Broker.Tests.Groups;

/// <summary>Committed offsets: validation, fetch, metadata limits, expiration, deletion, listing.</summary>
public sealed class GroupOffsetTests : IAsyncLifetime
{
    private static readonly TopicPartition P0 = new(CoordinatorHarness.Topic, 0);
    private static readonly TopicPartition P1 = new(CoordinatorHarness.Topic, 1);

    private CoordinatorHarness _h = null!;

    private GroupCoordinator Coordinator => _h.Coordinator;

    public async Task InitializeAsync() => _h = await CoordinatorHarness.StartAsync(("offsets.retention.minutes", "1"));

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void Simple_consumers_commit_without_a_generation_and_read_back_metadata()
    {
        var results = Coordinator.CommitOffsets("simple", string.Empty, null, -1, Offsets((P0, 42, "checkpoint"), (P1, 7, string.Empty)));
        results.Values.Should().AllBeEquivalentTo(ErrorCode.None);

        var (error, offsets) = Coordinator.FetchOffsets("simple", [P0, P1, new TopicPartition("other", 0)]);
        error.Should().Be(ErrorCode.None);
        offsets[0].Offset!.Offset.Should().Be(42);
        offsets[0].Offset!.Metadata.Should().Be("checkpoint");
        offsets[0].Offset!.LeaderEpoch.Should().Be(3);
        offsets[1].Offset!.Offset.Should().Be(7);
        offsets[2].Offset.Should().BeNull();

        Coordinator.FetchOffsets("simple", null).Offsets.Should().HaveCount(2);
        Coordinator.FetchOffsets("unknown-group", [P0]).Offsets.Single().Offset.Should().BeNull();
        var described = Coordinator.Describe("simple")!;
        described.State.Should().Be(GroupState.Empty);
        described.ProtocolType.Should().BeNull();

        // A generation for a group that does not exist is a stale member.
        Coordinator.CommitOffsets("ghost", "m", null, 3, Offsets((P0, 1, string.Empty))).Values.Single().Should().Be(ErrorCode.IllegalGeneration);
    }

    [Fact]
    public async Task Commits_to_a_managed_group_are_validated_against_member_and_generation()
    {
        var join = await GroupRequests.JoinNewAsync(Coordinator, "g");
        _h.Time.AdvanceMs(3000);
        var member = (await join).MemberId;

        // Joined but not synced: the member has the generation but no assignment yet.
        Coordinator.CommitOffsets("g", member, null, 1, Offsets((P0, 1, string.Empty))).Values.Single().Should().Be(ErrorCode.RebalanceInProgress);
        await Coordinator.SyncGroupAsync(GroupRequests.Sync("g", 1, member, new Dictionary<string, byte[]> { [member] = [] }));

        Coordinator.CommitOffsets("g", string.Empty, null, -1, Offsets((P0, 1, string.Empty))).Values.Single().Should().Be(ErrorCode.UnknownMemberId);
        Coordinator.CommitOffsets("g", "stranger", null, 1, Offsets((P0, 1, string.Empty))).Values.Single().Should().Be(ErrorCode.UnknownMemberId);
        Coordinator.CommitOffsets("g", member, null, 2, Offsets((P0, 1, string.Empty))).Values.Single().Should().Be(ErrorCode.IllegalGeneration);
        Coordinator.CommitOffsets("g", member, "instance", 1, Offsets((P0, 1, string.Empty))).Values.Single().Should().Be(ErrorCode.UnknownMemberId);
        Coordinator.CommitOffsets("g", member, null, 1, Offsets((P0, 5, "m"))).Values.Single().Should().Be(ErrorCode.None);
        Coordinator.GetCommittedOffsets("g")[P0].Offset.Should().Be(5);
    }

    [Fact]
    public void Metadata_longer_than_offset_metadata_max_bytes_is_refused_per_partition()
    {
        var results = Coordinator.CommitOffsets("g", string.Empty, null, -1, Offsets((P0, 1, new string('x', 4097)), (P1, 2, new string('y', 4096))));
        results[P0].Should().Be(ErrorCode.OffsetMetadataTooLarge);
        results[P1].Should().Be(ErrorCode.None);
        Coordinator.GetCommittedOffsets("g").Keys.Should().Equal(P1);
    }

    [Fact]
    public void Offsets_of_a_group_without_group_management_expire_retention_after_their_commit()
    {
        Coordinator.CommitOffsets("simple", string.Empty, null, -1, Offsets((P0, 1, string.Empty)));
        _h.Time.AdvanceMs(30_000);
        Coordinator.CommitOffsets("simple", string.Empty, null, -1, Offsets((P1, 1, string.Empty)));
        _h.Time.AdvanceMs(30_000);
        Coordinator.ExpireOffsets().Should().Be(1);
        Coordinator.GetCommittedOffsets("simple").Keys.Should().Equal(P1);
        _h.Time.AdvanceMs(30_000);
        Coordinator.ExpireOffsets().Should().Be(1);
        Coordinator.Describe("simple").Should().BeNull("an empty group without offsets is removed");
    }

    [Fact]
    public async Task Offsets_of_an_empty_consumer_group_expire_retention_after_it_became_empty()
    {
        var join = await GroupRequests.JoinNewAsync(Coordinator, "g");
        _h.Time.AdvanceMs(3000);
        var member = (await join).MemberId;
        await Coordinator.SyncGroupAsync(GroupRequests.Sync("g", 1, member));
        Coordinator.CommitOffsets("g", member, null, 1, Offsets((P0, 9, string.Empty)));

        // Stable and subscribed to the topic: kept however old.
        for (var i = 0; i < 12; i++)
        {
            _h.Time.AdvanceMs(9_000);
            Coordinator.Heartbeat("g", member, null, 1).Should().Be(ErrorCode.None);
        }

        Coordinator.ExpireOffsets().Should().Be(0);

        Coordinator.LeaveGroup("g", [new LeavingMember(member, null)]);
        _h.Time.AdvanceMs(59_000);
        Coordinator.ExpireOffsets().Should().Be(0, "retention counts from when the group became empty");
        _h.Time.AdvanceMs(1_000);
        Coordinator.ExpireOffsets().Should().Be(1);
        Coordinator.Describe("g").Should().BeNull();
    }

    [Fact]
    public void Offsets_committed_with_an_explicit_retention_expire_at_that_time()
    {
        var offsets = new Dictionary<TopicPartition, CommittedOffset> { [P0] = new(1, -1, string.Empty, Now(), Now() + 5_000) };
        Coordinator.CommitOffsets("g", string.Empty, null, -1, offsets);
        _h.Time.AdvanceMs(5_000);
        Coordinator.ExpireOffsets().Should().Be(1);
    }

    [Fact]
    public async Task Groups_are_deleted_only_when_empty()
    {
        var join = await GroupRequests.JoinNewAsync(Coordinator, "busy");
        _h.Time.AdvanceMs(3000);
        await join;
        Coordinator.CommitOffsets("idle", string.Empty, null, -1, Offsets((P0, 1, string.Empty)));

        var results = Coordinator.DeleteGroups(["busy", "idle", "missing"]);
        results["busy"].Should().Be(ErrorCode.NonEmptyGroup);
        results["idle"].Should().Be(ErrorCode.None);
        results["missing"].Should().Be(ErrorCode.GroupIdNotFound);
        Coordinator.FetchOffsets("idle", [P0]).Offsets.Single().Offset.Should().BeNull();
        Coordinator.DeleteGroups(["idle"])["idle"].Should().Be(ErrorCode.GroupIdNotFound);
    }

    [Fact]
    public async Task Offset_delete_spares_topics_a_consumer_group_still_subscribes_to()
    {
        var join = await GroupRequests.JoinNewAsync(Coordinator, "g");
        _h.Time.AdvanceMs(3000);
        var member = (await join).MemberId;
        await Coordinator.SyncGroupAsync(GroupRequests.Sync("g", 1, member));
        var old = new TopicPartition("old", 0);
        Coordinator.CommitOffsets("g", member, null, 1, Offsets((P0, 1, string.Empty), (old, 2, string.Empty)));

        var (error, results) = Coordinator.DeleteOffsets("g", [P0, old]);
        error.Should().Be(ErrorCode.None);
        results[P0].Should().Be(ErrorCode.GroupSubscribedToTopic);
        results[old].Should().Be(ErrorCode.None);
        Coordinator.GetCommittedOffsets("g").Keys.Should().Equal(P0);
        Coordinator.DeleteOffsets("missing", [P0]).Error.Should().Be(ErrorCode.GroupIdNotFound);
    }

    [Fact]
    public async Task Groups_are_listed_with_state_and_type_filters()
    {
        var join = await GroupRequests.JoinNewAsync(Coordinator, "rebalancing");
        Coordinator.CommitOffsets("simple", string.Empty, null, -1, Offsets((P0, 1, string.Empty)));

        Coordinator.ListGroups([], []).Groups.Select(g => (g.GroupId, g.State)).Should().Equal(("rebalancing", GroupState.PreparingRebalance), ("simple", GroupState.Empty));
        Coordinator.ListGroups(["empty"], []).Groups.Select(g => g.GroupId).Should().Equal("simple");
        Coordinator.ListGroups([], ["Classic"]).Groups.Should().HaveCount(2);
        Coordinator.ListGroups([], ["consumer"]).Groups.Should().BeEmpty();
        _h.Time.AdvanceMs(3000);
        await join;
    }

    private long Now() => _h.Time.GetUtcNow().ToUnixTimeMilliseconds();

    private Dictionary<TopicPartition, CommittedOffset> Offsets(params (TopicPartition Partition, long Offset, string Metadata)[] offsets) =>
        offsets.ToDictionary(o => o.Partition, o => new CommittedOffset(o.Offset, 3, o.Metadata, Now()));
}
