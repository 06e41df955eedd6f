namespace Spool.Client.Admin;

/// <summary>
/// A partition count increase: the new total, and optionally the replicas of each added partition (one list of
/// broker ids per new partition).
/// </summary>
public sealed record NewPartitions(int TotalCount, IReadOnlyList<IReadOnlyList<int>>? Assignments = null);
