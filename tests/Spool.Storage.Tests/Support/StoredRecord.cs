namespace Spool.Storage.Tests;

/// <summary>One record read back from a log.</summary>
internal sealed record StoredRecord(long Offset, string? Key, string? Value, long Timestamp);
