namespace Spool.Storage;

/// <summary>Result of scanning a segment file: the rebuilt state, how many bytes are valid and why the scan stopped.</summary>
internal sealed record SegmentScanResult(ActiveSegmentState State, int ValidBytes, long NextOffset, ScanStatus Status, string? Problem)
{
    public bool Truncated { get; init; }
}
