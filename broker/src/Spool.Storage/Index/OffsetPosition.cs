namespace Spool.Storage;

/// <summary>An offset index entry: a batch's base offset and its byte position in the segment.</summary>
internal readonly record struct OffsetPosition(long Offset, int Position);
