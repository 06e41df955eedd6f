namespace Spool.Cli.Output;

/// <summary>
/// A partition the group has committed for or is assigned: committed offset (null when none), log end offset
/// and lag (null when either is unknown), and the member consuming it (null when unassigned).
/// </summary>
public sealed record PartitionLagJson(
    string Topic,
    int Partition,
    long? CommittedOffset,
    long? EndOffset,
    long? Lag,
    string? MemberId,
    string? ClientId,
    string? Host);
