namespace Spool.Cli.Output;

/// <summary><c>spool topics delete</c>; <see cref="Deleted"/> is false when --if-exists found no such topic.</summary>
public sealed record TopicDeletedJson(string Name, bool Deleted);
