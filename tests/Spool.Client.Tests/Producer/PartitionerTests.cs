using System.Text;
using Spool.Client.Producer;

namespace Spool.Client.Tests.Producer;

public sealed class PartitionerTests
{
    private static readonly int[] AllSix = [0, 1, 2, 3, 4, 5];

    [Fact]
    public void Keyed_records_go_to_murmur2_of_the_key_even_when_that_partition_has_no_leader()
    {
        var partitioner = new DefaultPartitioner();
        var key = Encoding.UTF8.GetBytes("kafka");

        partitioner.Partition(new PartitionerContext("t", key, 100, 7, [0, 1])).Should().Be(3);
    }

    [Fact]
    public void Null_keys_stick_to_one_available_partition_until_about_a_batch_went_there()
    {
        var partitioner = new DefaultPartitioner(stickyBytes: 1000);
        var chosen = Enumerable.Range(0, 10).Select(_ => partitioner.Partition(new PartitionerContext("t", null, 100, 6, AllSix))).ToList();

        chosen.Distinct().Should().ContainSingle("ten records of 100 bytes fill one 1000-byte sticky run");
        var next = partitioner.Partition(new PartitionerContext("t", null, 100, 6, AllSix));
        next.Should().NotBe(chosen[0]);
    }

    [Fact]
    public void Null_keys_only_go_to_available_partitions()
    {
        var partitioner = new DefaultPartitioner(stickyBytes: 1);
        var chosen = Enumerable.Range(0, 50).Select(_ => partitioner.Partition(new PartitionerContext("t", null, 10, 6, [2, 4]))).ToHashSet();

        chosen.Should().BeEquivalentTo([2, 4]);
    }

    [Fact]
    public void Round_robin_cycles_over_available_partitions()
    {
        var partitioner = new RoundRobinPartitioner();
        var chosen = Enumerable.Range(0, 6).Select(_ => partitioner.Partition(new PartitionerContext("t", [1], 10, 3, [0, 1, 2]))).ToList();

        chosen.Should().Equal(1, 2, 0, 1, 2, 0);
    }
}
