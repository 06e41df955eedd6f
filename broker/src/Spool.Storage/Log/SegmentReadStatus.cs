namespace Spool.Storage;

/// <summary>What a segment read found.</summary>
internal enum SegmentReadStatus
{
    /// <summary>No batch in the segment reaches the start offset: try the next segment.</summary>
    NotInSegment = 0,

    /// <summary>The batch holding the start offset is there but the limits leave nothing to return.</summary>
    Empty = 1,

    /// <summary>Batches were read.</summary>
    Data = 2,
}
