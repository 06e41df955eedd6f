using System.Buffers;
using System.Buffers.Binary;

namespace Spool.Broker.Network;

/// <summary>Length-prefixed framing: int32 size, then size bytes of request header and body.</summary>
public static class FrameParser
{
    public enum Result
    {
        Incomplete = 0,
        Frame = 1,
        Invalid = 2,
    }

    /// <summary>
    /// Takes one frame off the front of <paramref name="buffer"/>. A size above <paramref name="maxSize"/>
    /// or below the smallest possible header is <see cref="Result.Invalid"/>: Kafka closes such connections.
    /// </summary>
    public static Result TryParse(ref ReadOnlySequence<byte> buffer, int maxSize, out ReadOnlySequence<byte> frame, out int size)
    {
        frame = default;
        size = 0;
        if (buffer.Length < 4)
        {
            return Result.Incomplete;
        }

        Span<byte> prefix = stackalloc byte[4];
        if (buffer.FirstSpan.Length >= 4)
        {
            size = BinaryPrimitives.ReadInt32BigEndian(buffer.FirstSpan);
        }
        else
        {
            buffer.Slice(0, 4).CopyTo(prefix);
            size = BinaryPrimitives.ReadInt32BigEndian(prefix);
        }

        // Header v1 is at least api key + version + correlation id + client id length.
        if (size < 10 || size > maxSize)
        {
            return Result.Invalid;
        }

        if (buffer.Length < 4L + size)
        {
            return Result.Incomplete;
        }

        frame = buffer.Slice(4, size);
        buffer = buffer.Slice(frame.End);
        return Result.Frame;
    }
}
