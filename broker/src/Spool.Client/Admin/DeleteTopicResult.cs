namespace Spool.Client.Admin;

/// <summary>The outcome of deleting one topic.</summary>
public sealed record DeleteTopicResult(string Name, KafkaException? Error) : IAdminResult;
