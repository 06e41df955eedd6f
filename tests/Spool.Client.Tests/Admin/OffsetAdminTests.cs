using Spool.Client.Admin;
using Spool.Client.Tests.Consumer;
using Spool.Client.Tests.Fakes;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Admin;

public sealed class OffsetAdminTests
{
    private static readonly TopicPartition T0 = new("t", 0);
    private static readonly TopicPartition T1 = new("t", 1);

    [Fact]
    public async Task Lists_earliest_latest_max_timestamp_and_by_timestamp_offsets()
    {
        await using var cluster = new FakeCluster(brokers: 2);
        cluster.CreateTopic("t", 2);
        ConsumerTests.Append(cluster, T0, 10, baseTimestamp: 5000);
        ConsumerTests.Append(cluster, T1, 3, baseTimestamp: 100);
        await using var admin = TestClients.Admin(cluster);

        var earliest = await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [T0] = OffsetSpec.Earliest, [T1] = OffsetSpec.Latest });
        earliest.Select(o => o.Offset).Should().Equal(0, 3);

        var byTime = await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [T0] = OffsetSpec.ForTimestamp(5004), [T1] = OffsetSpec.MaxTimestamp });
        byTime[0].Should().Be(new ListedOffset(T0, 4, 5004, 0, null));
        byTime[1].Should().Be(new ListedOffset(T1, 2, 102, 0, null));

        cluster.Servers[0].ReceivedOf<ListOffsetsRequest>().Should().OnlyContain(r => r.Topics.Single().Partitions.Single().PartitionIndex == 0);
        cluster.Servers[1].ReceivedOf<ListOffsetsRequest>().Should().OnlyContain(r => r.Topics.Single().Partitions.Single().PartitionIndex == 1);
    }

    [Fact]
    public async Task Offsets_of_missing_partitions_fail_without_retrying_for_the_whole_timeout()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 1);
        await using var admin = TestClients.Admin(cluster, o => o.DefaultApiTimeout = TimeSpan.FromMinutes(5));

        var results = await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [new("nope", 0)] = OffsetSpec.Latest, [T1] = OffsetSpec.Latest });

        results.Should().OnlyContain(r => r.Error!.Error == ErrorCode.UnknownTopicOrPartition);
    }

    [Fact]
    public async Task Not_leader_is_retried_at_the_new_leader()
    {
        await using var cluster = new FakeCluster(brokers: 2);
        cluster.CreateTopic("t", 1);
        ConsumerTests.Append(cluster, T0, 4);
        await using var admin = TestClients.Admin(cluster);
        (await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [T0] = OffsetSpec.Latest }))[0].Offset.Should().Be(4);

        cluster.MoveLeader("t", 0, 1);
        var moved = await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [T0] = OffsetSpec.Latest });

        moved[0].Offset.Should().Be(4);
        moved[0].LeaderEpoch.Should().Be(1);
        cluster.Servers[1].ReceivedOf<ListOffsetsRequest>().Should().ContainSingle();
    }

    [Fact]
    public async Task Deletes_records_before_an_offset()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 2);
        ConsumerTests.Append(cluster, T0, 10);
        ConsumerTests.Append(cluster, T1, 10);
        await using var admin = TestClients.Admin(cluster);

        var results = await admin.DeleteRecordsAsync(new Dictionary<TopicPartition, long> { [T0] = 6, [T1] = -1 });

        results.Select(r => r.LowWatermark).Should().Equal(6, 10);
        cluster.Partition("t", 0).LogStartOffset.Should().Be(6);
        var beyond = await admin.DeleteRecordsAsync(new Dictionary<TopicPartition, long> { [T0] = 50 });
        beyond[0].Error!.Error.Should().Be(ErrorCode.OffsetOutOfRange);
    }
}
