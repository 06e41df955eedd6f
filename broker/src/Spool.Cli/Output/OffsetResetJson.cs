namespace Spool.Cli.Output;

/// <summary><c>spool groups reset-offsets</c>; <see cref="Executed"/> is false for a dry run.</summary>
public sealed record OffsetResetJson(string GroupId, bool Executed, IReadOnlyList<OffsetChangeJson> Partitions);
