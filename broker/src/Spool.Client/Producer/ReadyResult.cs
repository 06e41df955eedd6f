namespace Spool.Client.Producer;

/// <summary>
/// The accumulator's answer to "what can be sent now": the leaders with sendable batches, how long until the
/// next batch becomes sendable, and whether some partition has no known leader.
/// </summary>
internal readonly record struct ReadyResult(IReadOnlySet<int> Nodes, TimeSpan NextCheck, bool UnknownLeader);
