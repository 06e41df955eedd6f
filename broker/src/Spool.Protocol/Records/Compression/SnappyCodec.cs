using System.Buffers.Binary;

namespace Spool.Protocol.Records.Compression;

/// <summary>
/// Snappy through libsnappy, in the framing of snappy-java's SnappyOutputStream that the Java client writes
/// and expects: a 16-byte header (0x82 "SNAPPY" 0, version 1, compatible version 1) and then blocks, each an
/// int32 compressed length and a raw snappy block. Decompression also accepts a bare snappy block, as some
/// non-Java clients send, and headers repeated mid-stream (concatenated streams), as snappy-java does.
/// </summary>
internal static unsafe class SnappyCodec
{
    // snappy-java's default block size: Java consumers size their buffers for it.
    private const int BlockSize = 32 * 1024;
    private const int HeaderSize = 16;
    private const int SnappyOk = 0;

    private static readonly byte[] Magic = [0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0];

    private static readonly Api? Native = Load(out LoadError);
    private static readonly string? LoadError;

    public static bool IsAvailable(out string? reason)
    {
        reason = LoadError;
        return Native is not null;
    }

    public static void Compress(ReadOnlySpan<byte> source, KafkaWriter destination)
    {
        var api = Native ?? throw new NotSupportedException($"snappy is unavailable: {LoadError}");
        destination.WriteRaw(Magic);
        destination.WriteInt32(1);
        destination.WriteInt32(1);
        while (!source.IsEmpty)
        {
            var block = source[..Math.Min(BlockSize, source.Length)];
            source = source[block.Length..];
            var bound = (int)api.MaxCompressedLength((nuint)block.Length);
            var lengthAt = destination.ReserveInt32();
            var span = destination.GetSpan(bound);
            var written = (nuint)span.Length;
            int status;
            fixed (byte* src = block)
            fixed (byte* dst = span)
            {
                status = api.CompressBlock(src, (nuint)block.Length, dst, &written);
            }

            if (status != SnappyOk)
            {
                throw new InvalidOperationException($"snappy compression failed with status {status}");
            }

            destination.Advance((int)written);
            destination.PatchInt32(lengthAt, (int)written);
        }
    }

    public static ErrorCode Decompress(ReadOnlySpan<byte> source, KafkaWriter destination, int maxBytes, out string? message)
    {
        var api = Native;
        if (api is null)
        {
            message = $"snappy is unavailable on this broker: {LoadError}";
            return ErrorCode.UnsupportedCompressionType;
        }

        long produced = 0;
        if (!source.StartsWith(Magic))
        {
            return DecompressBlock(api, source, destination, maxBytes, ref produced, out message);
        }

        while (!source.IsEmpty)
        {
            if (source.StartsWith(Magic))
            {
                if (source.Length < HeaderSize)
                {
                    message = "snappy stream header is truncated";
                    return ErrorCode.CorruptMessage;
                }

                source = source[HeaderSize..];
                continue;
            }

            if (source.Length < 4)
            {
                message = "snappy block length is truncated";
                return ErrorCode.CorruptMessage;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(source);
            if (length < 0 || length > source.Length - 4)
            {
                message = $"snappy block length {length} exceeds the {source.Length - 4} bytes remaining";
                return ErrorCode.CorruptMessage;
            }

            var error = DecompressBlock(api, source.Slice(4, length), destination, maxBytes, ref produced, out message);
            if (error != ErrorCode.None)
            {
                return error;
            }

            source = source[(4 + length)..];
        }

        message = null;
        return ErrorCode.None;
    }

    private static ErrorCode DecompressBlock(Api api, ReadOnlySpan<byte> block, KafkaWriter destination, int maxBytes, ref long produced, out string? message)
    {
        nuint length;
        int status;
        fixed (byte* src = block)
        {
            status = api.UncompressedLength(src, (nuint)block.Length, &length);
        }

        if (status != SnappyOk)
        {
            message = "snappy block is corrupt (bad length header)";
            return ErrorCode.CorruptMessage;
        }

        // The claimed length is checked before any allocation: a tiny block can claim gigabytes.
        if (length > (nuint)(maxBytes - produced))
        {
            message = $"snappy data decompresses to more than {maxBytes} bytes";
            return ErrorCode.MessageTooLarge;
        }

        var span = destination.GetSpan(Math.Max(1, (int)length));
        var written = length;
        fixed (byte* src = block)
        fixed (byte* dst = span)
        {
            status = api.Uncompress(src, (nuint)block.Length, dst, &written);
        }

        if (status != SnappyOk || written != length)
        {
            message = $"snappy block is corrupt (status {status})";
            return ErrorCode.CorruptMessage;
        }

        destination.Advance((int)written);
        produced += (long)written;
        message = null;
        return ErrorCode.None;
    }

    private static Api? Load(out string? error)
    {
        var lib = NativeCodecLibrary.TryLoad(["libsnappy.so.1", "libsnappy.so", "libsnappy.1.dylib", "libsnappy"], out error);
        if (lib is null)
        {
            return null;
        }

        var missing = new List<string>();
        var api = new Api
        {
            CompressBlock = (delegate* unmanaged<byte*, nuint, byte*, nuint*, int>)lib.Export("snappy_compress", missing),
            Uncompress = (delegate* unmanaged<byte*, nuint, byte*, nuint*, int>)lib.Export("snappy_uncompress", missing),
            MaxCompressedLength = (delegate* unmanaged<nuint, nuint>)lib.Export("snappy_max_compressed_length", missing),
            UncompressedLength = (delegate* unmanaged<byte*, nuint, nuint*, int>)lib.Export("snappy_uncompressed_length", missing),
        };
        if (missing.Count > 0)
        {
            error = $"{lib.Name} lacks {string.Join(", ", missing)}";
            return null;
        }

        return api;
    }

    private sealed class Api
    {
        public delegate* unmanaged<byte*, nuint, byte*, nuint*, int> CompressBlock;
        public delegate* unmanaged<byte*, nuint, byte*, nuint*, int> Uncompress;
        public delegate* unmanaged<nuint, nuint> MaxCompressedLength;
        public delegate* unmanaged<byte*, nuint, nuint*, int> UncompressedLength;
    }
}
