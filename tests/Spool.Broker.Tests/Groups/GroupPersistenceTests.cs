using System.Buffers.Binary;
using System.Text;
using Spool.Broker.Groups;
using Spool.Protocol;
using Spool.Storage;

namespace Spool.Broker.Tests.Groups;

/// <summary>
/// __consumer_offsets records in Kafka's exact format (checked against bytes built by hand from Kafka's schemas)
/// and state rebuilt from them after a restart.
/// </summary>
public sealed class GroupPersistenceTests : IAsyncLifetime
{
    private static readonly TopicPartition P0 = new(CoordinatorHarness.Topic, 0);
    private static readonly TopicPartition P2 = new(CoordinatorHarness.Topic, 2);

    private CoordinatorHarness _h = null!;

    public async Task InitializeAsync() => _h = await CoordinatorHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void Offset_commits_are_written_as_key_v1_and_value_v3()
    {
        var now = _h.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _h.Coordinator.CommitOffsets("grp", string.Empty, null, -1, new Dictionary<TopicPartition, CommittedOffset>
        {
            [P2] = new(1234, 5, "meta", now),
        });

        var (key, value) = _h.OffsetsTopicRecords("grp").Single();
        key.Should().Equal(new Bytes().Int16(1).Str("grp").Str(CoordinatorHarness.Topic).Int32(2).Done());
        value.Should().Equal(new Bytes().Int16(3).Int64(1234).Int32(5).Str("meta").Int64(now).Done());
    }

    [Fact]
    public void Offsets_with_an_expire_time_are_written_as_value_v1()
    {
        var now = _h.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _h.Coordinator.CommitOffsets("grp", string.Empty, null, -1, new Dictionary<TopicPartition, CommittedOffset>
        {
            [P0] = new(10, -1, string.Empty, now, now + 1000),
        });

        _h.OffsetsTopicRecords("grp").Single().Value.Should().Equal(new Bytes().Int16(1).Int64(10).Str(string.Empty).Int64(now).Int64(now + 1000).Done());
    }

    [Fact]
    public async Task Group_metadata_is_written_as_key_v2_and_value_v3()
    {
        var join = await GroupRequests.JoinNewAsync(_h.Coordinator, "grp");
        _h.Time.AdvanceMs(3000);
        var member = (await join).MemberId;
        var assignment = GroupRequests.Assignment(CoordinatorHarness.Topic, 0, 1);
        await _h.Coordinator.SyncGroupAsync(GroupRequests.Sync("grp", 1, member, new Dictionary<string, byte[]> { [member] = assignment }));
        var stateTimestamp = _h.Coordinator.Describe("grp")!.StateTimestamp!.Value;

        var (key, value) = _h.OffsetsTopicRecords("grp").Single();
        key.Should().Equal(new Bytes().Int16(2).Str("grp").Done());

        // The state timestamp stored is the one of the state being left (CompletingRebalance), as Kafka stores the
        // group before it moves to Stable.
        var completingAt = stateTimestamp;
        value.Should().Equal(new Bytes()
            .Int16(3).Str("consumer").Int32(1).Str("range").Str(member).Int64(completingAt)
            .Int32(1)
            .Str(member).Int16(-1).Str("client-grp").Str("/127.0.0.1").Int32(30_000).Int32(10_000)
            .Blob(GroupRequests.Subscription(CoordinatorHarness.Topic)).Blob(assignment)
            .Done());
    }

    [Fact]
    public async Task A_restart_reloads_groups_members_and_offsets()
    {
        var a = await GroupRequests.JoinNewAsync(_h.Coordinator, "grp");
        var b = await GroupRequests.JoinNewAsync(_h.Coordinator, "grp");
        await GroupRequests.CompleteJoinsAsync(_h.Time, a, b);
        var (ra, rb) = (await a, await b);
        var leader = ra.Members.Count == 2 ? ra : rb;
        var assignments = new Dictionary<string, byte[]>
        {
            [ra.MemberId] = GroupRequests.Assignment(CoordinatorHarness.Topic, 0, 1),
            [rb.MemberId] = GroupRequests.Assignment(CoordinatorHarness.Topic, 2, 3),
        };
        var followerSync = _h.Coordinator.SyncGroupAsync(GroupRequests.Sync("grp", 1, leader == ra ? rb.MemberId : ra.MemberId));
        await _h.Coordinator.SyncGroupAsync(GroupRequests.Sync("grp", 1, leader.MemberId, assignments));
        await followerSync;
        var now = _h.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _h.Coordinator.CommitOffsets("grp", ra.MemberId, null, 1, new Dictionary<TopicPartition, CommittedOffset> { [P0] = new(17, 2, "first", now) });
        _h.Coordinator.CommitOffsets("grp", ra.MemberId, null, 1, new Dictionary<TopicPartition, CommittedOffset> { [P0] = new(18, 2, "second", now) });
        _h.Coordinator.CommitOffsets("simple", string.Empty, null, -1, new Dictionary<TopicPartition, CommittedOffset> { [P2] = new(5, -1, string.Empty, now) });
        var before = _h.Coordinator.Describe("grp")!;

        await _h.RestartAsync();

        var after = _h.Coordinator.Describe("grp")!;
        after.State.Should().Be(GroupState.Stable);
        after.GenerationId.Should().Be(1);
        after.LeaderId.Should().Be(before.LeaderId);
        after.ProtocolName.Should().Be("range");
        after.Members.Select(m => (m.MemberId, m.ClientId, m.SessionTimeoutMs, Convert.ToHexString(m.Assignment)))
            .Should().BeEquivalentTo(before.Members.Select(m => (m.MemberId, m.ClientId, m.SessionTimeoutMs, Convert.ToHexString(m.Assignment))));
        after.Offsets[P0].Should().Be(new CommittedOffset(18, 2, "second", now));
        _h.Coordinator.GetCommittedOffsets("simple")[P2].Offset.Should().Be(5);

        // The members carry on where they were: same ids, same generation.
        _h.Coordinator.Heartbeat("grp", ra.MemberId, null, 1).Should().Be(ErrorCode.None);
        (await _h.Coordinator.SyncGroupAsync(GroupRequests.Sync("grp", 1, rb.MemberId))).Assignment.Should().Equal(assignments[rb.MemberId]);

        // A member that does not come back within its session timeout is expired as before.
        _h.Time.AdvanceMs(9_000);
        _h.Coordinator.Heartbeat("grp", ra.MemberId, null, 1).Should().Be(ErrorCode.None);
        _h.Time.AdvanceMs(2_000);
        _h.Coordinator.Heartbeat("grp", ra.MemberId, null, 1).Should().Be(ErrorCode.RebalanceInProgress);
    }

    [Fact]
    public async Task Deleted_groups_and_offsets_stay_deleted_after_a_restart()
    {
        var join = await GroupRequests.JoinNewAsync(_h.Coordinator, "grp");
        _h.Time.AdvanceMs(3000);
        var member = (await join).MemberId;
        await _h.Coordinator.SyncGroupAsync(GroupRequests.Sync("grp", 1, member));
        var now = _h.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _h.Coordinator.CommitOffsets("grp", member, null, 1, new Dictionary<TopicPartition, CommittedOffset> { [P0] = new(3, -1, string.Empty, now) });
        _h.Coordinator.LeaveGroup("grp", [new LeavingMember(member, null)]);
        _h.Coordinator.DeleteGroups(["grp"])["grp"].Should().Be(ErrorCode.None);

        var records = _h.OffsetsTopicRecords("grp");
        records.TakeLast(2).Select(r => r.Value).Should().AllSatisfy(v => v.Should().BeNull(), "an offset tombstone and a group tombstone end the log");

        await _h.RestartAsync();
        _h.Coordinator.Describe("grp").Should().BeNull();
        _h.Coordinator.ListGroups([], []).Groups.Should().BeEmpty();
    }

    [Fact]
    public async Task An_empty_group_is_reloaded_empty_with_its_offsets()
    {
        var join = await GroupRequests.JoinNewAsync(_h.Coordinator, "grp");
        _h.Time.AdvanceMs(3000);
        var member = (await join).MemberId;
        await _h.Coordinator.SyncGroupAsync(GroupRequests.Sync("grp", 1, member));
        var now = _h.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _h.Coordinator.CommitOffsets("grp", member, null, 1, new Dictionary<TopicPartition, CommittedOffset> { [P0] = new(3, -1, string.Empty, now) });
        _h.Coordinator.LeaveGroup("grp", [new LeavingMember(member, null)]);

        await _h.RestartAsync();
        var group = _h.Coordinator.Describe("grp")!;
        group.State.Should().Be(GroupState.Empty);
        group.GenerationId.Should().Be(2);
        group.ProtocolType.Should().Be("consumer");
        group.Offsets[P0].Offset.Should().Be(3);
    }

    /// <summary>Big-endian bytes in Kafka's classic (non-flexible) encoding.</summary>
    private sealed class Bytes
    {
        private readonly List<byte> _bytes = [];

        public Bytes Int16(short v)
        {
            Span<byte> b = stackalloc byte[2];
            BinaryPrimitives.WriteInt16BigEndian(b, v);
            _bytes.AddRange(b.ToArray());
            return this;
        }

        public Bytes Int32(int v)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(b, v);
            _bytes.AddRange(b.ToArray());
            return this;
        }

        public Bytes Int64(long v)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(b, v);
            _bytes.AddRange(b.ToArray());
            return this;
        }

        public Bytes Str(string s)
        {
            var utf8 = Encoding.UTF8.GetBytes(s);
            Int16((short)utf8.Length);
            _bytes.AddRange(utf8);
            return this;
        }

        public Bytes Blob(byte[] b)
        {
            Int32(b.Length);
            _bytes.AddRange(b);
            return this;
        }

        public byte[] Done() => [.. _bytes];
    }
}
