namespace Spool.Client;

/// <summary><c>isolation.level</c>: which records fetches and offset look-ups may see (wire values).</summary>
public enum IsolationLevel : sbyte
{
    /// <summary>Everything up to the high watermark.</summary>
    ReadUncommitted = 0,

    /// <summary>Only up to the last stable offset (records of open transactions are not visible).</summary>
    ReadCommitted = 1,
}
