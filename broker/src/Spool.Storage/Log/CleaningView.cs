namespace Spool.Storage;

/// <summary>The segments (the last one active) and offsets of a log at one moment, for the cleaner's planning.</summary>
internal sealed record CleaningView(LogSegment[] Segments, long LogStartOffset, long LogEndOffset, long HighWatermark, bool Unavailable)
{
    public LogSegment Active => Segments[^1];

    /// <summary>The offset after segment <paramref name="index"/>'s range: the next segment's base, or the log end.</summary>
    public long UpperBound(int index) => index + 1 < Segments.Length ? Segments[index + 1].BaseOffset : LogEndOffset;
}
