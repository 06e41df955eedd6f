using Spool.Protocol;

namespace Spool.Storage;

/// <summary>The outcome of DeleteRecords: the new log start offset (low watermark) or an error.</summary>
public readonly record struct DeleteRecordsResult(ErrorCode Error, long LowWatermark, string? ErrorMessage = null);
