using Spool.Broker.Groups;
using Spool.Protocol;

namespace Spool.Broker.Tests.Groups;

/// <summary>The classic group state machine: joins, sync, heartbeats, leaves, session expiry and fencing.</summary>
public sealed class GroupMembershipTests : IAsyncLifetime
{
    private CoordinatorHarness _h = null!;

    private GroupCoordinator Coordinator => _h.Coordinator;

    public async Task InitializeAsync() => _h = await CoordinatorHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task First_join_needs_a_member_id_and_completes_after_the_initial_delay()
    {
        var first = await Coordinator.JoinGroupAsync(GroupRequests.Join("g"));
        first.Error.Should().Be(ErrorCode.MemberIdRequired);
        first.MemberId.Should().StartWith("client-g-");
        first.GenerationId.Should().Be(-1);

        var join = Coordinator.JoinGroupAsync(GroupRequests.Join("g", first.MemberId));
        join.IsCompleted.Should().BeFalse();
        Coordinator.Describe("g")!.State.Should().Be(GroupState.PreparingRebalance);

        _h.Time.AdvanceMs(2999);
        join.IsCompleted.Should().BeFalse();
        _h.Time.AdvanceMs(1);
        var joined = await join;
        joined.Error.Should().Be(ErrorCode.None);
        joined.GenerationId.Should().Be(1);
        joined.LeaderId.Should().Be(first.MemberId);
        joined.ProtocolName.Should().Be("range");
        joined.ProtocolType.Should().Be("consumer");
        joined.Members.Should().ContainSingle(m => m.MemberId == first.MemberId);
        Coordinator.Describe("g")!.State.Should().Be(GroupState.CompletingRebalance);

        var assignment = GroupRequests.Assignment(CoordinatorHarness.Topic, 0, 1, 2, 3);
        var sync = await Coordinator.SyncGroupAsync(GroupRequests.Sync("g", 1, first.MemberId, new Dictionary<string, byte[]> { [first.MemberId] = assignment }));
        sync.Error.Should().Be(ErrorCode.None);
        sync.Assignment.Should().Equal(assignment);
        var described = Coordinator.Describe("g")!;
        described.State.Should().Be(GroupState.Stable);
        described.Members.Single().AssignedPartitions.Should().HaveCount(4);
    }

    [Fact]
    public async Task Members_joining_during_the_initial_delay_extend_it_and_land_in_one_generation()
    {
        var a = await GroupRequests.JoinNewAsync(Coordinator, "g");
        _h.Time.AdvanceMs(2000);
        var b = await GroupRequests.JoinNewAsync(Coordinator, "g");
        _h.Time.AdvanceMs(1000);
        a.IsCompleted.Should().BeFalse("a newcomer during the delay extends it");
        _h.Time.AdvanceMs(3000);
        var (ra, rb) = (await a, await b);
        ra.GenerationId.Should().Be(1);
        rb.GenerationId.Should().Be(1);
        new[] { ra, rb }.Count(r => r.Members.Count == 2).Should().Be(1, "only the leader receives the members");
    }

    [Theory]
    [InlineData(5999)]
    [InlineData(1_800_001)]
    public async Task Session_timeouts_outside_the_broker_limits_are_refused(int sessionTimeoutMs)
    {
        var result = await Coordinator.JoinGroupAsync(GroupRequests.Join("g", sessionTimeoutMs: sessionTimeoutMs));
        result.Error.Should().Be(ErrorCode.InvalidSessionTimeout);
    }

    [Fact]
    public async Task Bad_group_ids_and_unknown_members_are_refused()
    {
        (await Coordinator.JoinGroupAsync(GroupRequests.Join(string.Empty))).Error.Should().Be(ErrorCode.InvalidGroupId);
        (await Coordinator.JoinGroupAsync(GroupRequests.Join("nope", "someone"))).Error.Should().Be(ErrorCode.UnknownMemberId);
        Coordinator.Heartbeat("nope", "someone", null, 1).Should().Be(ErrorCode.UnknownMemberId);
        (await Coordinator.SyncGroupAsync(GroupRequests.Sync("nope", 1, "someone"))).Error.Should().Be(ErrorCode.UnknownMemberId);
    }

    [Fact]
    public async Task Protocol_is_chosen_by_vote_among_protocols_every_member_supports()
    {
        var sub = GroupRequests.Subscription(CoordinatorHarness.Topic);
        var a = await JoinWith("g", [new("range", sub), new("roundrobin", sub)]);
        var b = await JoinWith("g", [new("roundrobin", sub), new("range", sub)]);
        var c = await JoinWith("g", [new("roundrobin", sub), new("sticky", sub)]);
        await GroupRequests.CompleteJoinsAsync(_h.Time, a, b, c);
        (await a).ProtocolName.Should().Be("roundrobin");
        (await b).ProtocolName.Should().Be("roundrobin");
        (await c).ProtocolName.Should().Be("roundrobin");

        // A member supporting nothing the group agrees on, or another protocol type, is inconsistent.
        (await Coordinator.JoinGroupAsync(GroupRequests.Join("g", protocols: [new("sticky", sub)]))).Error.Should().Be(ErrorCode.InconsistentGroupProtocol);
        (await Coordinator.JoinGroupAsync(GroupRequests.Join("g", protocolType: "connect", protocols: [new("roundrobin", sub)]))).Error.Should().Be(ErrorCode.InconsistentGroupProtocol);
    }

    [Fact]
    public async Task Heartbeats_report_rebalances_and_fence_old_generations()
    {
        var (leader, _) = await StableGroupAsync("g");
        Coordinator.Heartbeat("g", leader, null, 1).Should().Be(ErrorCode.None);
        Coordinator.Heartbeat("g", leader, null, 0).Should().Be(ErrorCode.IllegalGeneration);
        Coordinator.Heartbeat("g", "stranger", null, 1).Should().Be(ErrorCode.UnknownMemberId);

        // A second member starts a rebalance: the first hears about it through its heartbeat.
        var second = await GroupRequests.JoinNewAsync(Coordinator, "g");
        Coordinator.Describe("g")!.State.Should().Be(GroupState.PreparingRebalance);
        Coordinator.Heartbeat("g", leader, null, 1).Should().Be(ErrorCode.RebalanceInProgress);
        (await Coordinator.SyncGroupAsync(GroupRequests.Sync("g", 1, leader))).Error.Should().Be(ErrorCode.RebalanceInProgress);

        var rejoin = await Coordinator.JoinGroupAsync(GroupRequests.Join("g", leader));
        rejoin.GenerationId.Should().Be(2);
        rejoin.Members.Should().HaveCount(2);
        (await second).GenerationId.Should().Be(2);
        Coordinator.Heartbeat("g", leader, null, 1).Should().Be(ErrorCode.IllegalGeneration);
        (await Coordinator.SyncGroupAsync(GroupRequests.Sync("g", 1, leader))).Error.Should().Be(ErrorCode.IllegalGeneration);
    }

    [Fact]
    public async Task Followers_wait_in_sync_until_the_leader_sends_the_assignment()
    {
        var a = await GroupRequests.JoinNewAsync(Coordinator, "g");
        var b = await GroupRequests.JoinNewAsync(Coordinator, "g");
        await GroupRequests.CompleteJoinsAsync(_h.Time, a, b);
        var (ra, rb) = (await a, await b);
        var (leader, follower) = ra.Members.Count == 2 ? (ra, rb) : (rb, ra);
        var followerSync = Coordinator.SyncGroupAsync(GroupRequests.Sync("g", 1, follower.MemberId));
        followerSync.IsCompleted.Should().BeFalse();
        var assignments = new Dictionary<string, byte[]>
        {
            [leader.MemberId] = GroupRequests.Assignment(CoordinatorHarness.Topic, 0, 1),
            [follower.MemberId] = GroupRequests.Assignment(CoordinatorHarness.Topic, 2, 3),
        };
        var leaderSync = await Coordinator.SyncGroupAsync(GroupRequests.Sync("g", 1, leader.MemberId, assignments));
        leaderSync.Assignment.Should().Equal(assignments[leader.MemberId]);
        (await followerSync).Assignment.Should().Equal(assignments[follower.MemberId]);
        Coordinator.Describe("g")!.State.Should().Be(GroupState.Stable);
    }

    [Fact]
    public async Task A_member_whose_session_expires_is_removed_and_the_group_rebalances()
    {
        var (leader, follower) = await StableGroupAsync("g", members: 2, sessionTimeoutMs: 10_000);
        for (var i = 0; i < 3; i++)
        {
            _h.Time.AdvanceMs(3000);
            Coordinator.Heartbeat("g", leader, null, 1).Should().Be(ErrorCode.None);
        }

        // The follower never heartbeated: it expired 10 s after its sync, and the leader is told to rejoin.
        _h.Time.AdvanceMs(2000);
        Coordinator.Describe("g")!.State.Should().Be(GroupState.PreparingRebalance);
        Coordinator.Heartbeat("g", leader, null, 1).Should().Be(ErrorCode.RebalanceInProgress);
        var rejoin = await Coordinator.JoinGroupAsync(GroupRequests.Join("g", leader));
        rejoin.GenerationId.Should().Be(2);
        rejoin.Members.Select(m => m.MemberId).Should().Equal(leader);
        Coordinator.Heartbeat("g", follower!, null, 2).Should().Be(ErrorCode.UnknownMemberId);
    }

    [Fact]
    public async Task Members_that_do_not_rejoin_within_the_rebalance_timeout_are_dropped()
    {
        var (leader, follower) = await StableGroupAsync("g", members: 2, rebalanceTimeoutMs: 20_000);
        var rejoin = Coordinator.JoinGroupAsync(GroupRequests.Join("g", leader, rebalanceTimeoutMs: 20_000));
        rejoin.IsCompleted.Should().BeFalse();
        for (var i = 0; i < 6; i++)
        {
            _h.Time.AdvanceMs(3000);
            Coordinator.Heartbeat("g", follower!, null, 1).Should().Be(ErrorCode.RebalanceInProgress);
        }

        _h.Time.AdvanceMs(3000);
        var result = await rejoin;
        result.GenerationId.Should().Be(2);
        result.Members.Should().ContainSingle();
    }

    [Fact]
    public async Task A_leaving_member_triggers_a_rebalance_and_the_last_one_empties_the_group()
    {
        var (leader, follower) = await StableGroupAsync("g", members: 2);
        var leave = Coordinator.LeaveGroup("g", [new LeavingMember(follower!, null)]);
        leave.Error.Should().Be(ErrorCode.None);
        leave.Members.Single().Error.Should().Be(ErrorCode.None);
        Coordinator.Describe("g")!.State.Should().Be(GroupState.PreparingRebalance);
        (await Coordinator.JoinGroupAsync(GroupRequests.Join("g", leader))).GenerationId.Should().Be(2);

        Coordinator.LeaveGroup("g", [new LeavingMember("ghost", null)]).Members.Single().Error.Should().Be(ErrorCode.UnknownMemberId);
        Coordinator.LeaveGroup("g", [new LeavingMember(leader, null)]).Members.Single().Error.Should().Be(ErrorCode.None);
        var described = Coordinator.Describe("g")!;
        described.State.Should().Be(GroupState.Empty);
        described.GenerationId.Should().Be(3);
        described.Members.Should().BeEmpty();
    }

    [Fact]
    public async Task Static_member_rejoining_with_unchanged_metadata_keeps_the_generation_and_fences_its_old_id()
    {
        var join = Coordinator.JoinGroupAsync(GroupRequests.Join("g", instanceId: "instance-1"));
        _h.Time.AdvanceMs(3000);
        var joined = await join;
        joined.Error.Should().Be(ErrorCode.None);
        joined.MemberId.Should().StartWith("instance-1-");
        var assignment = GroupRequests.Assignment(CoordinatorHarness.Topic, 0, 1, 2, 3);
        await Coordinator.SyncGroupAsync(GroupRequests.Sync("g", 1, joined.MemberId, new Dictionary<string, byte[]> { [joined.MemberId] = assignment }, "instance-1"));

        // The process restarts: same instance id, no member id. No rebalance; the old id is fenced.
        var again = await Coordinator.JoinGroupAsync(GroupRequests.Join("g", instanceId: "instance-1"));
        again.Error.Should().Be(ErrorCode.None);
        again.GenerationId.Should().Be(1);
        again.MemberId.Should().NotBe(joined.MemberId);
        again.LeaderId.Should().Be(joined.MemberId, "older clients are given the old leader id so they do not reassign");
        Coordinator.Describe("g")!.State.Should().Be(GroupState.Stable);
        Coordinator.Heartbeat("g", joined.MemberId, "instance-1", 1).Should().Be(ErrorCode.FencedInstanceId);
        Coordinator.Heartbeat("g", again.MemberId, "instance-1", 1).Should().Be(ErrorCode.None);
        (await Coordinator.SyncGroupAsync(GroupRequests.Sync("g", 1, again.MemberId, null, "instance-1"))).Assignment.Should().Equal(assignment);

        // v9 clients learn they lead, and that the assignment must be skipped.
        var v9 = await Coordinator.JoinGroupAsync(GroupRequests.Join("g", instanceId: "instance-1", supportSkippingAssignment: true));
        v9.SkipAssignment.Should().BeTrue();
        v9.LeaderId.Should().Be(v9.MemberId);
        v9.GenerationId.Should().Be(1);
    }

    [Fact]
    public async Task Static_member_keeps_its_place_when_it_misses_a_rebalance()
    {
        var a = Coordinator.JoinGroupAsync(GroupRequests.Join("g", instanceId: "a", rebalanceTimeoutMs: 10_000));
        var b = Coordinator.JoinGroupAsync(GroupRequests.Join("g", instanceId: "b", rebalanceTimeoutMs: 10_000));
        await GroupRequests.CompleteJoinsAsync(_h.Time, a, b);
        var (ra, rb) = (await a, await b);
        var leader = ra.Members.Count == 2 ? ra : rb;
        await Coordinator.SyncGroupAsync(GroupRequests.Sync("g", 1, leader.MemberId, null, leader == ra ? "a" : "b"));

        // Administrative removal by instance id (LeaveGroup v3+ without member id).
        var left = Coordinator.LeaveGroup("g", [new LeavingMember(string.Empty, "b")]);
        left.Members.Single().Error.Should().Be(ErrorCode.None);
        Coordinator.Describe("g")!.Members.Should().ContainSingle(m => m.GroupInstanceId == "a");
    }

    [Fact]
    public async Task A_pending_member_that_never_rejoins_expires_after_its_session_timeout()
    {
        var (leader, _) = await StableGroupAsync("g");
        var pending = await Coordinator.JoinGroupAsync(GroupRequests.Join("g"));
        pending.Error.Should().Be(ErrorCode.MemberIdRequired);
        var rejoin = Coordinator.JoinGroupAsync(GroupRequests.Join("g", leader));
        rejoin.IsCompleted.Should().BeFalse("the group waits for the pending member");
        _h.Time.AdvanceMs(10_000);
        (await rejoin).Members.Should().ContainSingle();
    }

    [Fact]
    public async Task Group_max_size_is_enforced()
    {
        await using var h = await CoordinatorHarness.StartAsync(("group.max.size", "1"));
        var first = await GroupRequests.JoinNewAsync(h.Coordinator, "g");
        var second = await h.Coordinator.JoinGroupAsync(GroupRequests.Join("g", requireKnownMemberId: false));
        second.Error.Should().Be(ErrorCode.GroupMaxSizeReached);
        h.Time.AdvanceMs(3000);
        (await first).Error.Should().Be(ErrorCode.None);
    }

    private async Task<Task<JoinGroupResult>> JoinWith(string group, IReadOnlyList<GroupProtocol> protocols)
    {
        var first = await Coordinator.JoinGroupAsync(GroupRequests.Join(group, protocols: protocols));
        return Coordinator.JoinGroupAsync(GroupRequests.Join(group, first.MemberId, protocols: protocols));
    }

    /// <summary>A Stable group at generation 1; returns the leader's id and another member's, if any.</summary>
    private async Task<(string Leader, string? Follower)> StableGroupAsync(string group, int members = 1, int sessionTimeoutMs = 10_000, int rebalanceTimeoutMs = 30_000)
    {
        var joins = new List<Task<JoinGroupResult>>();
        for (var i = 0; i < members; i++)
        {
            joins.Add(await GroupRequests.JoinNewAsync(Coordinator, group, sessionTimeoutMs, rebalanceTimeoutMs));
        }

        var results = await GroupRequests.CompleteJoinsAsync(_h.Time, [.. joins]);
        var leader = results.Single(r => r.MemberId == r.LeaderId);
        var syncs = results.Where(r => r != leader).Select(r => Coordinator.SyncGroupAsync(GroupRequests.Sync(group, 1, r.MemberId))).ToList();
        var assignments = results.ToDictionary(r => r.MemberId, _ => GroupRequests.Assignment(CoordinatorHarness.Topic, 0));
        (await Coordinator.SyncGroupAsync(GroupRequests.Sync(group, 1, leader.MemberId, assignments))).Error.Should().Be(ErrorCode.None);
        await Task.WhenAll(syncs);
        return (leader.MemberId, results.FirstOrDefault(r => r != leader)?.MemberId);
    }
}
