using Spool.Broker.Groups;

namespace Spool.Broker.Tests.Groups;

public sealed class OffsetsTopicTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 97)]
    [InlineData("console-consumer-46999", 161_351_158)]
    [InlineData("polygenelubricants", int.MinValue)]
    public void Java_string_hash_codes_are_reproduced(string value, int expected) =>
        OffsetsTopic.JavaHashCode(value).Should().Be(expected);

    [Fact]
    public void Groups_map_to_partitions_as_in_Kafka()
    {
        // Kafka: Utils.abs("console-consumer-46999".hashCode) % 50 == 8.
        OffsetsTopic.PartitionFor("console-consumer-46999", 50).Should().Be(8);

        // Utils.abs maps Integer.MIN_VALUE to 0 where Math.abs would stay negative.
        OffsetsTopic.PartitionFor("polygenelubricants", 50).Should().Be(0);
        OffsetsTopic.PartitionFor("polygenelubricants", 7).Should().Be(0);
    }
}
