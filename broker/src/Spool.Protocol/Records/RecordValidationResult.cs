namespace Spool.Protocol.Records;

/// <summary>
/// The outcome of validating a produced batch: an error (with a message for the produce response, and for
/// record-level errors the record's index for RecordErrors), or what the broker needs to append the batch.
/// </summary>
public readonly struct RecordValidationResult
{
    private RecordValidationResult(ErrorCode error, string? message, int recordIndex, RecordBatchHeader header, long maxTimestamp, int offsetDeltaOfMaxTimestamp)
    {
        Error = error;
        Message = message;
        RecordIndex = recordIndex;
        Header = header;
        MaxTimestamp = maxTimestamp;
        OffsetDeltaOfMaxTimestamp = offsetDeltaOfMaxTimestamp;
    }

    public ErrorCode Error { get; }

    public string? Message { get; }

    public bool IsValid => Error == ErrorCode.None;

    /// <summary>The index of the record at fault, or -1 when the error concerns the whole batch.</summary>
    public int RecordIndex { get; }

    /// <summary>The batch's header (when it could be read).</summary>
    public RecordBatchHeader Header { get; }

    /// <summary>The batch's size in bytes.</summary>
    public int BatchSize => Header.TotalSize;

    /// <summary>
    /// The largest record timestamp, computed from the records (Kafka trusts these, not the header's field,
    /// and stores it in the header; compare with <see cref="RecordBatchHeader.MaxTimestamp"/>).
    /// </summary>
    public long MaxTimestamp { get; }

    /// <summary>The offset delta of the first record that has <see cref="MaxTimestamp"/> (for the time index).</summary>
    public int OffsetDeltaOfMaxTimestamp { get; }

    internal static RecordValidationResult Fail(ErrorCode error, string message, RecordBatchHeader header = default, int recordIndex = -1) =>
        new(error, message, recordIndex, header, -1, -1);

    internal static RecordValidationResult Ok(RecordBatchHeader header, long maxTimestamp, int offsetDeltaOfMaxTimestamp) =>
        new(ErrorCode.None, null, -1, header, maxTimestamp, offsetDeltaOfMaxTimestamp);
}
