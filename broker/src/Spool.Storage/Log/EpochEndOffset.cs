namespace Spool.Storage;

/// <summary>
/// The answer to OffsetForLeaderEpoch: the largest epoch not above the requested one and the offset where it
/// ends (the start of the next epoch, or the log end offset for the latest). Both are -1 when unknown.
/// </summary>
public readonly record struct EpochEndOffset(int LeaderEpoch, long EndOffset)
{
    public static EpochEndOffset Undefined => new(-1, -1);
}
