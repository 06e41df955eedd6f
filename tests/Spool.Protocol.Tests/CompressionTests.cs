using Spool.Protocol.Records;
using Spool.Protocol.Records.Compression;

namespace Spool.Protocol.Tests;

/// <summary>The codecs: round trips, Kafka's framings, concatenated streams, bounds and corrupt input.</summary>
public sealed class CompressionTests
{
    public static TheoryData<CompressionType> Codecs() =>
        [CompressionType.None, CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd];

    public static TheoryData<CompressionType> RealCodecs() =>
        [CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd];

    [Theory]
    [MemberData(nameof(Codecs))]
    public void CodecIsAvailableOnThisMachine(CompressionType type)
    {
        RecordCompression.IsSupported(type, out var reason).Should().BeTrue(reason);
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void RoundTripsDataOfManySizes(CompressionType type)
    {
        var random = new Random(42);
        foreach (var size in new[] { 0, 1, 100, 32 * 1024, (64 * 1024) + 3, 300_000 })
        {
            var data = new byte[size];
            random.NextBytes(data.AsSpan(0, size / 2));
            var compressed = Compress(type, data);
            Decompress(type, compressed, size).Should().Equal(data, $"{type} with {size} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(RealCodecs))]
    public void CompressesRepetitiveData(CompressionType type)
    {
        var data = new byte[200_000];
        Compress(type, data).Length.Should().BeLessThan(data.Length / 10);
    }

    [Theory]
    [MemberData(nameof(RealCodecs))]
    public void OutputBeyondTheBoundIsRefused(CompressionType type)
    {
        var bomb = Compress(type, new byte[4 * 1024 * 1024]);
        using var output = new KafkaWriter();
        RecordCompression.Decompress(type, bomb, output, 1024 * 1024, out var message).Should().Be(ErrorCode.MessageTooLarge, message);
        output.Length.Should().BeLessThanOrEqualTo((1024 * 1024) + 1);
    }

    [Theory]
    [MemberData(nameof(RealCodecs))]
    public void CorruptInputIsReportedNotThrown(CompressionType type)
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var junk = new byte[random.Next(0, 300)];
            random.NextBytes(junk);
            using var output = new KafkaWriter();
            var error = RecordCompression.Decompress(type, junk, output, 1 << 20, out var message);
            if (junk.Length > 0)
            {
                error.Should().NotBe(ErrorCode.None, $"{type} accepted {junk.Length} random bytes");
                message.Should().NotBeNullOrEmpty();
            }
        }
    }

    [Theory]
    [MemberData(nameof(RealCodecs))]
    public void TruncatedInputIsAnError(CompressionType type)
    {
        var data = new byte[100_000];
        new Random(3).NextBytes(data);
        var compressed = Compress(type, data);
        foreach (var cut in new[] { compressed.Length / 2, compressed.Length - 1 })
        {
            using var output = new KafkaWriter();
            var error = RecordCompression.Decompress(type, compressed.AsSpan(0, cut), output, 1 << 20, out _);
            if (error == ErrorCode.None)
            {
                // A cut on a block boundary (or, for gzip, in the trailer) can decode cleanly; what comes out
                // must then be a prefix of the original, never garbage.
                output.WrittenSpan.SequenceEqual(data.AsSpan(0, Math.Min(output.Length, data.Length))).Should().BeTrue();
                output.Length.Should().BeLessThanOrEqualTo(data.Length);
            }
        }
    }

    [Theory]
    [MemberData(nameof(RealCodecs))]
    public void ConcatenatedStreamsDecodeAsOne(CompressionType type)
    {
        byte[] a = [1, 2, 3];
        byte[] b = [4, 5];
        var both = Compress(type, a).Concat(Compress(type, b)).ToArray();
        Decompress(type, both, 5).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public void SnappyUsesTheJavaClientFraming()
    {
        var framed = Compress(CompressionType.Snappy, "hello hello hello"u8.ToArray());
        framed.AsSpan(0, 16).ToArray().Should().Equal(0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1);
        var blockLength = (framed[16] << 24) | (framed[17] << 16) | (framed[18] << 8) | framed[19];
        blockLength.Should().Be(framed.Length - 20);
    }

    [Fact]
    public void SnappyAcceptsARawBlock()
    {
        var data = "raw snappy from a non-Java client, raw snappy"u8.ToArray();
        var framed = Compress(CompressionType.Snappy, data);
        var raw = framed.AsSpan(20).ToArray();
        Decompress(CompressionType.Snappy, raw, data.Length).Should().Equal(data);
    }

    [Fact]
    public void SnappyBlocksAreAtMost32KiB()
    {
        var framed = Compress(CompressionType.Snappy, new byte[100_000]);
        var position = 16;
        var blocks = 0;
        while (position < framed.Length)
        {
            var length = (framed[position] << 24) | (framed[position + 1] << 16) | (framed[position + 2] << 8) | framed[position + 3];
            position += 4 + length;
            blocks++;
        }

        position.Should().Be(framed.Length);
        blocks.Should().Be(4);
    }

    [Fact]
    public void Lz4WritesKafkasFrameLayout()
    {
        var frame = Compress(CompressionType.Lz4, new byte[1000]);
        frame.AsSpan(0, 4).ToArray().Should().Equal(0x04, 0x22, 0x4d, 0x18);
        frame[4].Should().Be(0x60, "version 01, independent blocks, no block or content checksum, no content size");
        frame[5].Should().Be(0x40, "64 KiB maximum block size");
        frame.AsSpan(frame.Length - 4).ToArray().Should().Equal(0, 0, 0, 0);
    }

    [Fact]
    public void ZstdFramesWithoutAContentSizeAreStreamed()
    {
        // Magic, a frame header with no content size (window descriptor only), one last raw block of 5 bytes:
        // the shape streaming compressors write.
        byte[] frame = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x00, (5 << 3) | 1, 0x00, 0x00, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o'];
        Decompress(CompressionType.Zstd, frame, 5).Should().Equal("hello"u8.ToArray());
    }

    [Fact]
    public void UnknownCodecIsUnsupported()
    {
        using var output = new KafkaWriter();
        RecordCompression.Decompress((CompressionType)6, [1, 2], output, 100, out _).Should().Be(ErrorCode.UnsupportedCompressionType);
        RecordCompression.IsSupported((CompressionType)7, out _).Should().BeFalse();
    }

    private static byte[] Compress(CompressionType type, byte[] data)
    {
        using var writer = new KafkaWriter();
        RecordCompression.Compress(type, data, writer);
        return writer.ToArray();
    }

    private static byte[] Decompress(CompressionType type, ReadOnlySpan<byte> data, int expectedSize)
    {
        using var writer = new KafkaWriter();
        var error = RecordCompression.Decompress(type, data, writer, expectedSize + 1024, out var message);
        error.Should().Be(ErrorCode.None, message);
        return writer.ToArray();
    }
}
