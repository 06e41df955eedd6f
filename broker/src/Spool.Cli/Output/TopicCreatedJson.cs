namespace Spool.Cli.Output;

/// <summary><c>spool topics create</c>; <see cref="Created"/> is false when --if-not-exists found the topic already there.</summary>
public sealed record TopicCreatedJson(string Name, bool Created, string? TopicId, int? Partitions, int? ReplicationFactor);
