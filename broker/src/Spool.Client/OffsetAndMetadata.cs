namespace Spool.Client;

/// <summary>An offset to commit (the next record to consume), with optional metadata and leader epoch.</summary>
public sealed record OffsetAndMetadata(long Offset, string? Metadata = null, int? LeaderEpoch = null);
