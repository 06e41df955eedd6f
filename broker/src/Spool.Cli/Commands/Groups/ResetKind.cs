namespace Spool.Cli.Commands.Groups;

/// <summary>Where <c>reset-offsets</c> moves a group's offsets.</summary>
internal enum ResetKind
{
    Earliest = 0,
    Latest = 1,
    Offset = 2,
    ShiftBy = 3,
    Timestamp = 4,
}
