namespace Spool.Storage;

/// <summary>The special timestamps of ListOffsets requests.</summary>
public static class ListOffsetsTimestamps
{
    public const long Latest = -1;
    public const long Earliest = -2;
    public const long MaxTimestamp = -3;
    public const long EarliestLocal = -4;
    public const long LatestTiered = -5;
}
