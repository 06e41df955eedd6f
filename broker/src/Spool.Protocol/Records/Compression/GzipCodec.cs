using System.IO.Compression;

namespace Spool.Protocol.Records.Compression;

/// <summary>
/// Gzip through System.IO.Compression (zlib). Concatenated gzip members are read as one stream. A missing
/// trailer (CRC-32 and size) is not detected by the framework's reader; batches are protected by their own
/// CRC-32C, so this loses nothing for validated data.
/// </summary>
internal static unsafe class GzipCodec
{
    private const int Chunk = 64 * 1024;

    // A complete gzip member holding no data: the framework writes nothing at all for empty input, and
    // readers such as Java's GZIPInputStream need at least the header and trailer.
    private static readonly byte[] EmptyMember = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public static void Compress(ReadOnlySpan<byte> source, KafkaWriter destination)
    {
        if (source.IsEmpty)
        {
            destination.WriteRaw(EmptyMember);
            return;
        }

        using var sink = new BufferWriterStream(destination);
        using var gzip = new GZipStream(sink, CompressionLevel.Fastest, leaveOpen: true);
        gzip.Write(source);
    }

    public static ErrorCode Decompress(ReadOnlySpan<byte> source, KafkaWriter destination, int maxBytes, out string? message)
    {
        // The framework's reader treats input without a complete header as an empty stream; a member is at
        // least its 10-byte header, an empty deflate block and the 8-byte trailer.
        if (source.Length < EmptyMember.Length || source[0] != 0x1f || source[1] != 0x8b)
        {
            message = "gzip data has no gzip header";
            return ErrorCode.CorruptMessage;
        }

        try
        {
            fixed (byte* src = source)
            {
                using var input = new UnmanagedMemoryStream(src, source.Length);
                using var gzip = new GZipStream(input, CompressionMode.Decompress);
                long produced = 0;
                while (true)
                {
                    var room = (int)Math.Min(Chunk, maxBytes - produced + 1);
                    var span = destination.GetSpan(room)[..room];
                    var read = gzip.Read(span);
                    if (read == 0)
                    {
                        break;
                    }

                    destination.Advance(read);
                    produced += read;
                    if (produced > maxBytes)
                    {
                        message = $"gzip data decompresses to more than {maxBytes} bytes";
                        return ErrorCode.MessageTooLarge;
                    }
                }
            }
        }
        catch (InvalidDataException e)
        {
            message = $"gzip data is corrupt: {e.Message}";
            return ErrorCode.CorruptMessage;
        }

        message = null;
        return ErrorCode.None;
    }
}
