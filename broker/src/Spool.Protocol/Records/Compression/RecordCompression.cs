namespace Spool.Protocol.Records.Compression;

/// <summary>
/// The record batch codecs. Decompression never throws on bad input: it reports CORRUPT_MESSAGE for data
/// that does not decode, MESSAGE_TOO_LARGE when the output would exceed the caller's bound (a small batch
/// can expand enormously), and UNSUPPORTED_COMPRESSION_TYPE for an unknown codec or a missing native library.
/// </summary>
public static class RecordCompression
{
    /// <summary>Whether this process can compress and decompress <paramref name="type"/>; <paramref name="reason"/> says why not.</summary>
    public static bool IsSupported(CompressionType type, out string? reason)
    {
        switch (type)
        {
            case CompressionType.None:
            case CompressionType.Gzip:
                reason = null;
                return true;
            case CompressionType.Snappy:
                return SnappyCodec.IsAvailable(out reason);
            case CompressionType.Lz4:
                return Lz4Codec.IsAvailable(out reason);
            case CompressionType.Zstd:
                return ZstdCodec.IsAvailable(out reason);
            default:
                reason = $"unknown compression type {(int)type}";
                return false;
        }
    }

    /// <summary>Appends the compressed form of <paramref name="source"/> to <paramref name="destination"/>.</summary>
    /// <exception cref="NotSupportedException">The codec is unknown or its native library is missing.</exception>
    public static void Compress(CompressionType type, ReadOnlySpan<byte> source, KafkaWriter destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        switch (type)
        {
            case CompressionType.None:
                destination.WriteRaw(source);
                break;
            case CompressionType.Gzip:
                GzipCodec.Compress(source, destination);
                break;
            case CompressionType.Snappy:
                SnappyCodec.Compress(source, destination);
                break;
            case CompressionType.Lz4:
                Lz4Codec.Compress(source, destination);
                break;
            case CompressionType.Zstd:
                ZstdCodec.Compress(source, destination);
                break;
            default:
                throw new NotSupportedException($"unknown compression type {(int)type}");
        }
    }

    /// <summary>
    /// Appends the decompressed form of <paramref name="source"/> to <paramref name="destination"/>, at most
    /// <paramref name="maxBytes"/> bytes. On error, <paramref name="destination"/> may hold partial output.
    /// </summary>
    public static ErrorCode Decompress(CompressionType type, ReadOnlySpan<byte> source, KafkaWriter destination, int maxBytes, out string? message)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        switch (type)
        {
            case CompressionType.None:
                if (source.Length > maxBytes)
                {
                    message = $"data is larger than {maxBytes} bytes";
                    return ErrorCode.MessageTooLarge;
                }

                destination.WriteRaw(source);
                message = null;
                return ErrorCode.None;
            case CompressionType.Gzip:
                return GzipCodec.Decompress(source, destination, maxBytes, out message);
            case CompressionType.Snappy:
                return SnappyCodec.Decompress(source, destination, maxBytes, out message);
            case CompressionType.Lz4:
                return Lz4Codec.Decompress(source, destination, maxBytes, out message);
            case CompressionType.Zstd:
                return ZstdCodec.Decompress(source, destination, maxBytes, out message);
            default:
                message = $"unknown compression type {(int)type}";
                return ErrorCode.UnsupportedCompressionType;
        }
    }
}
