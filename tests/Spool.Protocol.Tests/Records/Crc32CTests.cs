using System.Text;
using Spool.Protocol.Records;

namespace Spool.Protocol.Tests.Records;

public class Crc32CTests
{
    [Fact]
    public void Matches_the_standard_check_value() =>
        Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")).Should().Be(0xE3069283u);

    [Fact]
    public void Empty_input_is_zero() => Crc32C.Compute([]).Should().Be(0u);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(767)]
    [InlineData(768)]
    [InlineData(769)]
    [InlineData(3 * 8192 - 1)]
    [InlineData(3 * 8192)]
    [InlineData(3 * 8192 + 771)]
    [InlineData(200_003)]
    public void Interleaved_streams_agree_with_a_bitwise_reference(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        Crc32C.Compute(data).Should().Be(Reference(data));
    }

    [Fact]
    public void Append_continues_a_previous_result()
    {
        var data = new byte[100_000];
        new Random(3).NextBytes(data);
        var split = Crc32C.Append(Crc32C.Compute(data.AsSpan(0, 30_001)), data.AsSpan(30_001));
        split.Should().Be(Crc32C.Compute(data));
    }

    private static uint Reference(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
