namespace Spool.Cli.Output;

/// <summary><c>spool groups delete</c>, one per group: the Kafka error name and message when it was not deleted.</summary>
public sealed record GroupDeletedJson(string GroupId, bool Deleted, string? Error, string? Message);
