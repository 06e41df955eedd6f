namespace Spool.Client.Consumer;

/// <summary>A partition assigned to the consumer: its fetch position and what the last fetch said about the log.</summary>
internal sealed class PartitionState
{
    /// <summary>The offset of the next record to return, valid when <see cref="Reset"/> is <see cref="PendingReset.None"/>.</summary>
    public long Position { get; set; }

    /// <summary>The leader epoch of the last record returned (sent as the current leader epoch, KIP-320).</summary>
    public int? PositionEpoch { get; set; }

    public PendingReset Reset { get; set; } = PendingReset.Initialize;

    /// <summary>Bumped by every seek, so that answers to look-ups started before it are ignored.</summary>
    public int SeekGeneration { get; set; }

    public bool Paused { get; set; }

    public long HighWatermark { get; set; } = -1;

    public long LogStartOffset { get; set; } = -1;

    public long LastStableOffset { get; set; } = -1;

    public bool HasPosition => Reset == PendingReset.None;

    public void Seek(long offset, int? epoch = null)
    {
        Position = offset;
        PositionEpoch = epoch;
        Reset = PendingReset.None;
        SeekGeneration++;
    }

    public void RequestReset(PendingReset reset)
    {
        Reset = reset;
        SeekGeneration++;
    }
}
