namespace Spool.Client.Admin;

/// <summary>One replica in a log directory: its size and how far it lags (0 for the leader).</summary>
public sealed record ReplicaLogInfo(TopicPartition TopicPartition, long Size, long OffsetLag, bool IsFuture);
