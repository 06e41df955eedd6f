using System.Runtime.InteropServices;

namespace Spool.Protocol.Records.Compression;

/// <summary>
/// Zstandard through libzstd. Compression writes one frame with its content size; decompression streams,
/// because frames from some clients (streaming compressors) carry no content size, and it consumes every
/// frame in the input. The decoder keeps libzstd's default window limit (2^27 bytes, as zstd-jni in Kafka),
/// so every frame Kafka accepts decodes; the output itself is bounded by the caller.
/// </summary>
internal static unsafe class ZstdCodec
{
    // Kafka's default zstd level (KIP-390).
    private const int Level = 3;
    private const int Chunk = 128 * 1024;

    private static readonly Api? Native = Load(out LoadError);
    private static readonly string? LoadError;

    public static bool IsAvailable(out string? reason)
    {
        reason = LoadError;
        return Native is not null;
    }

    public static void Compress(ReadOnlySpan<byte> source, KafkaWriter destination)
    {
        var api = Native ?? throw new NotSupportedException($"zstd is unavailable: {LoadError}");
        var bound = (int)api.CompressBound((nuint)source.Length);
        var span = destination.GetSpan(bound);
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = span)
        {
            written = api.Compress(dst, (nuint)span.Length, src, (nuint)source.Length, Level);
        }

        if (api.IsError(written) != 0)
        {
            throw new InvalidOperationException($"zstd compression failed: {api.ErrorName(written)}");
        }

        destination.Advance((int)written);
    }

    public static ErrorCode Decompress(ReadOnlySpan<byte> source, KafkaWriter destination, int maxBytes, out string? message)
    {
        var api = Native;
        if (api is null)
        {
            message = $"zstd is unavailable on this broker: {LoadError}";
            return ErrorCode.UnsupportedCompressionType;
        }

        var dctx = api.CreateDCtx();
        if (dctx == 0)
        {
            throw new InvalidOperationException("ZSTD_createDCtx failed (out of memory)");
        }

        try
        {
            fixed (byte* src = source)
            {
                var input = new Buffer { Pointer = src, Size = (nuint)source.Length, Position = 0 };
                long produced = 0;
                nuint last = 1;
                while (true)
                {
                    // One byte more than allowed, so that an oversized result is detected rather than cut.
                    var room = (int)Math.Min(Chunk, maxBytes - produced + 1);
                    var span = destination.GetSpan(room);
                    nuint result;
                    nuint before = input.Position;
                    fixed (byte* dst = span)
                    {
                        var output = new Buffer { Pointer = dst, Size = (nuint)room, Position = 0 };
                        result = api.DecompressStream(dctx, &output, &input);
                        if (api.IsError(result) != 0)
                        {
                            message = $"zstd data is corrupt: {api.ErrorName(result)}";
                            return ErrorCode.CorruptMessage;
                        }

                        destination.Advance((int)output.Position);
                        produced += (long)output.Position;
                        if (produced > maxBytes)
                        {
                            message = $"zstd data decompresses to more than {maxBytes} bytes";
                            return ErrorCode.MessageTooLarge;
                        }

                        last = result;
                        var inputDone = input.Position == input.Size;
                        if (inputDone && result == 0)
                        {
                            message = null;
                            return ErrorCode.None;
                        }

                        // With input left, or output space filled, zstd has more to do; otherwise the frame is cut short.
                        if (inputDone && output.Position < (nuint)room)
                        {
                            break;
                        }

                        if (output.Position == 0 && input.Position == before)
                        {
                            break;
                        }
                    }
                }

                message = last == 0 ? "zstd data holds no frame" : "zstd data is truncated";
                return ErrorCode.CorruptMessage;
            }
        }
        finally
        {
            api.FreeDCtx(dctx);
        }
    }

    private static Api? Load(out string? error)
    {
        var lib = NativeCodecLibrary.TryLoad(["libzstd.so.1", "libzstd.so", "libzstd.1.dylib", "libzstd"], out error);
        if (lib is null)
        {
            return null;
        }

        var missing = new List<string>();
        var api = new Api
        {
            CompressBound = (delegate* unmanaged<nuint, nuint>)lib.Export("ZSTD_compressBound", missing),
            Compress = (delegate* unmanaged<byte*, nuint, byte*, nuint, int, nuint>)lib.Export("ZSTD_compress", missing),
            IsError = (delegate* unmanaged<nuint, uint>)lib.Export("ZSTD_isError", missing),
            GetErrorName = (delegate* unmanaged<nuint, byte*>)lib.Export("ZSTD_getErrorName", missing),
            CreateDCtx = (delegate* unmanaged<nint>)lib.Export("ZSTD_createDCtx", missing),
            FreeDCtx = (delegate* unmanaged<nint, nuint>)lib.Export("ZSTD_freeDCtx", missing),
            DecompressStream = (delegate* unmanaged<nint, Buffer*, Buffer*, nuint>)lib.Export("ZSTD_decompressStream", missing),
        };
        if (missing.Count > 0)
        {
            error = $"{lib.Name} lacks {string.Join(", ", missing)}";
            return null;
        }

        return api;
    }

    /// <summary>ZSTD_inBuffer and ZSTD_outBuffer share this layout.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Buffer
    {
        public byte* Pointer;
        public nuint Size;
        public nuint Position;
    }

    private sealed class Api
    {
        public delegate* unmanaged<nuint, nuint> CompressBound;
        public delegate* unmanaged<byte*, nuint, byte*, nuint, int, nuint> Compress;
        public delegate* unmanaged<nuint, uint> IsError;
        public delegate* unmanaged<nuint, byte*> GetErrorName;
        public delegate* unmanaged<nint> CreateDCtx;
        public delegate* unmanaged<nint, nuint> FreeDCtx;
        public delegate* unmanaged<nint, Buffer*, Buffer*, nuint> DecompressStream;

        public string ErrorName(nuint code) => Marshal.PtrToStringAnsi((nint)GetErrorName(code)) ?? "unknown error";
    }
}
