namespace Spool.Cli.Commands.Consume;

/// <summary>Where a consume without group subscription starts in each partition.</summary>
internal enum StartKind
{
    /// <summary>The group's committed offset, else auto.offset.reset (latest unless --from-beginning).</summary>
    Committed = 0,
    Earliest = 1,
    Latest = 2,
    Offset = 3,
    Timestamp = 4,
}
