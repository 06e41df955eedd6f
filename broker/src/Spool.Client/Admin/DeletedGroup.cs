namespace Spool.Client.Admin;

/// <summary>The outcome of deleting one group.</summary>
public sealed record DeletedGroup(string GroupId, KafkaException? Error) : IAdminResult;
