namespace Spool.Storage;

/// <summary>Outcome of reading the next batch of a segment file.</summary>
internal enum ScanStatus
{
    /// <summary>A batch was read.</summary>
    Batch = 0,

    /// <summary>The valid end of the file.</summary>
    End = 1,

    /// <summary>The file ends inside a batch (a torn write).</summary>
    Torn = 2,

    /// <summary>The bytes at the position are not a valid batch (bad length, magic, CRC or offsets).</summary>
    Corrupt = 3,
}
