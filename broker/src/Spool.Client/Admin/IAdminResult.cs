namespace Spool.Client.Admin;

/// <summary>One item of a batch admin operation: its error, or null when it succeeded.</summary>
public interface IAdminResult
{
    KafkaException? Error { get; }
}
