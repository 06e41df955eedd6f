namespace Spool.Client.Admin;

/// <summary>The outcome of altering one resource's configs.</summary>
public sealed record AlterConfigsResult(ConfigResource Resource, KafkaException? Error) : IAdminResult;
