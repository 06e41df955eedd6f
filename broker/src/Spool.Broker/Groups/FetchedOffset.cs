using Spool.Protocol;
using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>One partition of an OffsetFetch answer: the committed offset, or null when there is none.</summary>
public sealed record FetchedOffset(TopicPartition Partition, CommittedOffset? Offset, ErrorCode Error = ErrorCode.None);
