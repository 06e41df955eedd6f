namespace Spool.Broker.Groups;

/// <summary>
/// A committed offset (Kafka's OffsetAndMetadata): the offset, the leader epoch it was read under (-1 when
/// unknown), the client's metadata string, when it was committed and, for OffsetCommit v2-v4 requests that set a
/// retention time, when it expires.
/// </summary>
public sealed record CommittedOffset(long Offset, int LeaderEpoch, string Metadata, long CommitTimestamp, long? ExpireTimestamp = null);
