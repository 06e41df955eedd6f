namespace Spool.Client.Consumer;

/// <summary><c>auto.offset.reset</c>: where to start when there is no valid position.</summary>
public enum AutoOffsetReset
{
    /// <summary>The log start offset.</summary>
    Earliest,

    /// <summary>The log end offset (only records produced from now on).</summary>
    Latest,

    /// <summary>Fail the poll with OFFSET_OUT_OF_RANGE.</summary>
    None,
}
