using Spool.Protocol;

namespace Spool.Storage;

/// <summary>
/// The outcome of an append: on success the offsets given to the batches (first = base offset of the first batch,
/// last = last offset of the last batch), the LogAppendTime stamped (-1 for CreateTime) and the log start offset.
/// On error nothing was appended and <see cref="ErrorMessage"/> says why. <see cref="IsDuplicate"/> means the batch
/// retried one an idempotent producer already appended: nothing was appended and the offsets are the original ones
/// (what Kafka answers a retry with).
/// </summary>
public readonly record struct LogAppendResult(
    ErrorCode Error,
    long FirstOffset,
    long LastOffset,
    long LogAppendTime,
    long LogStartOffset,
    string? ErrorMessage = null,
    bool IsDuplicate = false)
{
    public bool IsSuccess => Error == ErrorCode.None;

    internal static LogAppendResult Failed(ErrorCode error, string? message, long logStartOffset) =>
        new(error, -1, -1, -1, logStartOffset, message);
}
