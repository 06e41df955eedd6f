using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>A decoded __consumer_offsets key: the group, and for offsets the topic partition.</summary>
internal readonly record struct GroupRecordKey(GroupRecordKind Kind, short Version, string Group, TopicPartition Partition);
