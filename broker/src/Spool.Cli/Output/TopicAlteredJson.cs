namespace Spool.Cli.Output;

/// <summary><c>spool topics alter</c>: the new partition count (null when unchanged) and the config changes applied.</summary>
public sealed record TopicAlteredJson(
    string Name,
    int? Partitions,
    IReadOnlyDictionary<string, string> ConfigsSet,
    IReadOnlyList<string> ConfigsDeleted);
