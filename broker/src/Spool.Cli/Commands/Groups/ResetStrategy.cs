namespace Spool.Cli.Commands.Groups;

/// <summary>A reset target: the kind and its value (the offset, the shift, or epoch milliseconds).</summary>
internal sealed record ResetStrategy(ResetKind Kind, long Value = 0);
