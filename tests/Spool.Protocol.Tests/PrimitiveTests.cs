namespace Spool.Protocol.Tests;

/// <summary>The primitive encodings of the Kafka protocol, checked against their specified bytes.</summary>
public sealed class PrimitiveTests
{
    [Theory]
    [InlineData(0, new byte[] { 0x00 })]
    [InlineData(-1, new byte[] { 0x01 })]
    [InlineData(1, new byte[] { 0x02 })]
    [InlineData(-64, new byte[] { 0x7f })]
    [InlineData(64, new byte[] { 0x80, 0x01 })]
    [InlineData(int.MaxValue, new byte[] { 0xfe, 0xff, 0xff, 0xff, 0x0f })]
    [InlineData(int.MinValue, new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f })]
    public void VarintIsZigZag(int value, byte[] expected)
    {
        using var writer = new KafkaWriter();
        writer.WriteVarint(value);
        writer.ToArray().Should().Equal(expected);
        var reader = new KafkaReader(expected);
        reader.ReadVarint().Should().Be(value);
        reader.End.Should().BeTrue();
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(1L << 35)]
    [InlineData(-(1L << 35))]
    public void VarlongRoundTrips(long value)
    {
        using var writer = new KafkaWriter();
        writer.WriteVarlong(value);
        writer.Length.Should().BeLessThanOrEqualTo(10);
        var reader = new KafkaReader(writer.ToArray());
        reader.ReadVarlong().Should().Be(value);
        reader.End.Should().BeTrue();
    }

    [Fact]
    public void VarlongExtremesHaveTheirSpecifiedBytes()
    {
        using var writer = new KafkaWriter();
        writer.WriteVarlong(long.MinValue);
        writer.ToArray().Should().Equal(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
    }

    [Fact]
    public void OverlongVarintsAreRejected()
    {
        var sixBytes = new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 };
        var act = () =>
        {
            var reader = new KafkaReader(sixBytes);
            reader.ReadUVarint();
        };
        act.Should().Throw<KafkaProtocolException>();
        var elevenBytes = Enumerable.Repeat((byte)0x80, 10).Append((byte)0x01).ToArray();
        var actLong = () =>
        {
            var reader = new KafkaReader(elevenBytes);
            reader.ReadVarlong();
        };
        actLong.Should().Throw<KafkaProtocolException>();
    }

    [Theory]
    [InlineData(127u, new byte[] { 0x7f })]
    [InlineData(128u, new byte[] { 0x80, 0x01 })]
    [InlineData(300u, new byte[] { 0xac, 0x02 })]
    [InlineData(uint.MaxValue, new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f })]
    public void UnsignedVarint(uint value, byte[] expected)
    {
        using var writer = new KafkaWriter();
        writer.WriteUVarint(value);
        writer.ToArray().Should().Equal(expected);
        new KafkaReader(expected).ReadUVarint().Should().Be(value);
    }

    [Fact]
    public void StringsClassicAndCompact()
    {
        using var writer = new KafkaWriter();
        writer.WriteString("ab", compact: false);
        writer.WriteString("ab", compact: true);
        writer.WriteNullableString(null, compact: false);
        writer.WriteNullableString(null, compact: true);
        writer.WriteString(string.Empty, compact: true);
        writer.ToArray().Should().Equal(0x00, 0x02, (byte)'a', (byte)'b', 0x03, (byte)'a', (byte)'b', 0xff, 0xff, 0x00, 0x01);

        var reader = new KafkaReader(writer.ToArray());
        reader.ReadString(compact: false).Should().Be("ab");
        reader.ReadString(compact: true).Should().Be("ab");
        reader.ReadNullableString(compact: false).Should().BeNull();
        reader.ReadNullableString(compact: true).Should().BeNull();
        reader.ReadString(compact: true).Should().BeEmpty();
        reader.End.Should().BeTrue();
    }

    [Fact]
    public void NullWhereNotAllowedIsAProtocolError()
    {
        var act = () => new KafkaReader(new byte[] { 0xff, 0xff }).ReadString(compact: false);
        act.Should().Throw<KafkaProtocolException>();
        var actCompact = () => new KafkaReader(new byte[] { 0x00 }).ReadBytes(compact: true);
        actCompact.Should().Throw<KafkaProtocolException>();
    }

    [Fact]
    public void MultiByteCharactersAreLengthPrefixedInBytes()
    {
        using var writer = new KafkaWriter();
        writer.WriteString("€", compact: true);
        writer.ToArray().Should().Equal(0x04, 0xe2, 0x82, 0xac);
    }

    [Fact]
    public void BytesAndArraysClassicAndCompact()
    {
        using var writer = new KafkaWriter();
        writer.WriteBytes(new byte[] { 9 }, compact: false);
        writer.WriteNullableBytes(null, compact: false);
        writer.WriteBytes(new byte[] { 9 }, compact: true);
        writer.WriteNullableBytes(null, compact: true);
        writer.WriteArrayLength(2, compact: false);
        writer.WriteNullArrayLength(compact: false);
        writer.WriteArrayLength(2, compact: true);
        writer.WriteNullArrayLength(compact: true);
        writer.ToArray().Should().Equal(
            0, 0, 0, 1, 9,
            0xff, 0xff, 0xff, 0xff,
            2, 9,
            0,
            0, 0, 0, 2,
            0xff, 0xff, 0xff, 0xff,
            3,
            0);
    }

    [Fact]
    public void LengthsBeyondTheFrameAreRejected()
    {
        var act = () => new KafkaReader(new byte[] { 0x7f, 0xff, 0xff, 0xff, 1 }).ReadArrayLength(compact: false);
        act.Should().Throw<KafkaProtocolException>();
        var actBytes = () => new KafkaReader(new byte[] { 0x00, 0x00, 0x00, 0x09, 1 }).ReadBytes(compact: false);
        actBytes.Should().Throw<KafkaProtocolException>();
        var actInvalid = () => new KafkaReader(new byte[] { 0xff, 0xff, 0xff, 0xfe }).ReadNullableBytes(compact: false);
        actInvalid.Should().Throw<KafkaProtocolException>();
    }

    [Fact]
    public void UuidIsTwoBigEndianLongsShownAsUrlSafeBase64()
    {
        var id = new Uuid(0x0102030405060708, unchecked((long)0xf1f2f3f4f5f6f7f8));
        using var writer = new KafkaWriter();
        writer.WriteUuid(id);
        writer.ToArray().Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8);
        id.ToString().Should().Be("AQIDBAUGBwjx8vP09fb3-A");
        Uuid.TryParse("AQIDBAUGBwjx8vP09fb3-A", out var parsed).Should().BeTrue();
        parsed.Should().Be(id);
        Uuid.TryParse("not a uuid", out _).Should().BeFalse();
        Uuid.TryParse(null, out _).Should().BeFalse();
        Uuid.Zero.ToString().Should().Be("AAAAAAAAAAAAAAAAAAAAAA");
    }

    [Fact]
    public void RandomUuidsAreNeitherZeroNorReserved()
    {
        for (var i = 0; i < 100; i++)
        {
            var id = Uuid.NewRandom();
            id.IsZero.Should().BeFalse();
            id.Should().NotBe(new Uuid(0, 1));
            Uuid.TryParse(id.ToString(), out var back).Should().BeTrue();
            back.Should().Be(id);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(20000)]
    public void InsertedLengthPrefixesWhatFollows(int length)
    {
        using var writer = new KafkaWriter(8);
        writer.WriteInt8(7);
        var start = writer.Length;
        writer.WriteRaw(Enumerable.Range(0, length).Select(i => (byte)i).ToArray());
        writer.InsertUVarintLength(start);
        var reader = new KafkaReader(writer.ToArray());
        reader.ReadInt8().Should().Be(7);
        var n = reader.ReadLength();
        n.Should().Be(length);
        reader.ReadSpan(n).ToArray().Should().Equal(Enumerable.Range(0, length).Select(i => (byte)i));
        reader.End.Should().BeTrue();
    }

    [Fact]
    public void RequestHeaderV2CarriesTaggedFieldsAndAClassicClientId()
    {
        var header = new RequestHeader { ApiKey = ApiKey.Metadata, ApiVersion = 12, CorrelationId = 5, ClientId = "c", HeaderVersion = 2 };
        using var writer = new KafkaWriter();
        header.Write(writer);
        writer.ToArray().Should().Equal(0, 3, 0, 12, 0, 0, 0, 5, 0, 1, (byte)'c', 0);
        var reader = new KafkaReader(writer.ToArray());
        var back = RequestHeader.Read(ref reader, 2);
        back.ClientId.Should().Be("c");
        back.CorrelationId.Should().Be(5);
        reader.End.Should().BeTrue();
    }
}
