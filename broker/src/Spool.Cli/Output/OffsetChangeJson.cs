namespace Spool.Cli.Output;

/// <summary>One partition of an offset reset: the committed offset before (null when none) and after.</summary>
public sealed record OffsetChangeJson(string Topic, int Partition, long? CurrentOffset, long NewOffset);
