namespace Spool.Client.Admin;

/// <summary>Options of <see cref="KafkaAdminClient.CreateTopicsAsync"/>.</summary>
public sealed class CreateTopicsOptions : AdminOperationOptions
{
    /// <summary>Only check that the topics could be created.</summary>
    public bool ValidateOnly { get; set; }
}
