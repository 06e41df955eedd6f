namespace Spool.Client.Admin;

/// <summary>One log directory of a broker. Sizes are null when the broker does not report them (before v4).</summary>
public sealed record LogDirDescription(
    int BrokerId,
    string Path,
    long? TotalBytes,
    long? UsableBytes,
    IReadOnlyList<ReplicaLogInfo> Replicas,
    KafkaException? Error) : IAdminResult;
