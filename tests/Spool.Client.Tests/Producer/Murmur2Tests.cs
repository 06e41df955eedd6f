using System.Text;
using Spool.Client.Producer;

namespace Spool.Client.Tests.Producer;

public sealed class Murmur2Tests
{
    // Expected values from the Java client's UtilsTest.testMurmur2 and librdkafka's rdmurmur2.c unit test.
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    [InlineData("kafka", unchecked((int)0xd067cf64))]
    [InlineData("1", -1993445489)]
    [InlineData("12", 126087238)]
    [InlineData("123", -267702483)]
    [InlineData("1234", -1614185708)]
    [InlineData("12345", -1188365604)]
    public void Hash_matches_the_Java_client(string key, int expected) =>
        Murmur2.Hash(Encoding.UTF8.GetBytes(key)).Should().Be(expected);

    [Fact]
    public void ToPositive_clears_the_sign_bit_instead_of_negating() =>
        Murmur2.ToPositive(int.MinValue).Should().Be(0);

    [Theory]
    [InlineData("21", 6, 0)]
    [InlineData("abc", 12, 3)]
    [InlineData("a-little-bit-long-string", 10, 2)]
    [InlineData("kafka", 7, 3)]
    public void PartitionFor_is_positive_hash_modulo_partitions(string key, int partitions, int expected)
    {
        Murmur2.PartitionFor(Encoding.UTF8.GetBytes(key), partitions).Should().Be(expected);
    }
}
