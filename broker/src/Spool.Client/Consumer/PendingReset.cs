namespace Spool.Client.Consumer;

/// <summary>How a partition without a position gets one.</summary>
internal enum PendingReset
{
    /// <summary>It has a position.</summary>
    None,

    /// <summary>Newly assigned: the committed offset if the group has one, else <c>auto.offset.reset</c>.</summary>
    Initialize,

    /// <summary>Apply <c>auto.offset.reset</c> (after OFFSET_OUT_OF_RANGE).</summary>
    Default,

    Earliest,

    Latest,
}
