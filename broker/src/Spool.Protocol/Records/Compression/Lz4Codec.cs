using System.Runtime.InteropServices;

namespace Spool.Protocol.Records.Compression;

/// <summary>
/// LZ4 in the standard LZ4 frame format through liblz4's LZ4F functions. Kafka (KafkaLZ4BlockOutputStream)
/// writes frames with independent 64 KiB blocks and no checksums beyond the header checksum; compression
/// produces exactly that, so Java consumers (which refuse dependent blocks) read it. Decompression accepts any
/// valid frame (block or content checksums, content size, linked blocks as some librdkafka versions wrote).
/// </summary>
internal static unsafe class Lz4Codec
{
    private const uint LZ4FVersion = 100;
    private const int Max64KB = 4;
    private const int BlockIndependent = 1;
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
        var api = Native ?? throw new NotSupportedException($"lz4 is unavailable: {LoadError}");
        var preferences = new Preferences { BlockSizeId = Max64KB, BlockMode = BlockIndependent };
        var bound = (int)api.CompressFrameBound((nuint)source.Length, &preferences);
        var span = destination.GetSpan(bound);
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = span)
        {
            written = api.CompressFrame(dst, (nuint)span.Length, src, (nuint)source.Length, &preferences);
        }

        if (api.IsError(written) != 0)
        {
            throw new InvalidOperationException($"lz4 compression failed: {api.ErrorName(written)}");
        }

        destination.Advance((int)written);
    }

    public static ErrorCode Decompress(ReadOnlySpan<byte> source, KafkaWriter destination, int maxBytes, out string? message)
    {
        var api = Native;
        if (api is null)
        {
            message = $"lz4 is unavailable on this broker: {LoadError}";
            return ErrorCode.UnsupportedCompressionType;
        }

        nint dctx;
        var created = api.CreateDecompressionContext(&dctx, LZ4FVersion);
        if (api.IsError(created) != 0)
        {
            throw new InvalidOperationException($"LZ4F_createDecompressionContext failed: {api.ErrorName(created)}");
        }

        try
        {
            fixed (byte* src = source)
            {
                var consumed = 0;
                long produced = 0;
                nuint hint = 1;
                while (true)
                {
                    var room = (int)Math.Min(Chunk, maxBytes - produced + 1);
                    var span = destination.GetSpan(room);
                    var srcSize = (nuint)(source.Length - consumed);
                    var dstSize = (nuint)room;
                    fixed (byte* dst = span)
                    {
                        hint = api.DecompressFrame(dctx, dst, &dstSize, src + consumed, &srcSize, null);
                    }

                    if (api.IsError(hint) != 0)
                    {
                        message = $"lz4 data is corrupt: {api.ErrorName(hint)}";
                        return ErrorCode.CorruptMessage;
                    }

                    consumed += (int)srcSize;
                    destination.Advance((int)dstSize);
                    produced += (long)dstSize;
                    if (produced > maxBytes)
                    {
                        message = $"lz4 data decompresses to more than {maxBytes} bytes";
                        return ErrorCode.MessageTooLarge;
                    }

                    var inputDone = consumed == source.Length;
                    if (inputDone && hint == 0)
                    {
                        message = null;
                        return ErrorCode.None;
                    }

                    // Input used up while the frame wants more, or a call that moved nothing: the frame is cut short.
                    if ((inputDone && dstSize < (nuint)room) || (srcSize == 0 && dstSize == 0))
                    {
                        break;
                    }
                }

                message = "lz4 frame is truncated";
                return ErrorCode.CorruptMessage;
            }
        }
        finally
        {
            api.FreeDecompressionContext(dctx);
        }
    }

    private static Api? Load(out string? error)
    {
        var lib = NativeCodecLibrary.TryLoad(["liblz4.so.1", "liblz4.so", "liblz4.1.dylib", "liblz4"], out error);
        if (lib is null)
        {
            return null;
        }

        var missing = new List<string>();
        var api = new Api
        {
            CompressFrameBound = (delegate* unmanaged<nuint, Preferences*, nuint>)lib.Export("LZ4F_compressFrameBound", missing),
            CompressFrame = (delegate* unmanaged<byte*, nuint, byte*, nuint, Preferences*, nuint>)lib.Export("LZ4F_compressFrame", missing),
            IsError = (delegate* unmanaged<nuint, uint>)lib.Export("LZ4F_isError", missing),
            GetErrorName = (delegate* unmanaged<nuint, byte*>)lib.Export("LZ4F_getErrorName", missing),
            CreateDecompressionContext = (delegate* unmanaged<nint*, uint, nuint>)lib.Export("LZ4F_createDecompressionContext", missing),
            FreeDecompressionContext = (delegate* unmanaged<nint, nuint>)lib.Export("LZ4F_freeDecompressionContext", missing),
            DecompressFrame = (delegate* unmanaged<nint, byte*, nuint*, byte*, nuint*, void*, nuint>)lib.Export("LZ4F_decompress", missing),
        };
        if (missing.Count > 0)
        {
            error = $"{lib.Name} lacks {string.Join(", ", missing)}";
            return null;
        }

        return api;
    }

    /// <summary>LZ4F_preferences_t (with its LZ4F_frameInfo_t inlined), as laid out by liblz4 1.8 and later.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Preferences
    {
        public int BlockSizeId;
        public int BlockMode;
        public int ContentChecksumFlag;
        public int FrameType;
        public ulong ContentSize;
        public uint DictId;
        public int BlockChecksumFlag;
        public int CompressionLevel;
        public uint AutoFlush;
        public uint FavorDecSpeed;
        public uint Reserved0;
        public uint Reserved1;
        public uint Reserved2;
    }

    private sealed class Api
    {
        public delegate* unmanaged<nuint, Preferences*, nuint> CompressFrameBound;
        public delegate* unmanaged<byte*, nuint, byte*, nuint, Preferences*, nuint> CompressFrame;
        public delegate* unmanaged<nuint, uint> IsError;
        public delegate* unmanaged<nuint, byte*> GetErrorName;
        public delegate* unmanaged<nint*, uint, nuint> CreateDecompressionContext;
        public delegate* unmanaged<nint, nuint> FreeDecompressionContext;
        public delegate* unmanaged<nint, byte*, nuint*, byte*, nuint*, void*, nuint> DecompressFrame;

        public string ErrorName(nuint code) => Marshal.PtrToStringAnsi((nint)GetErrorName(code)) ?? "unknown error";
    }
}
