namespace Spool.Client.Admin;

/// <summary>Options of <see cref="KafkaAdminClient.IncrementalAlterConfigsAsync"/> and <see cref="KafkaAdminClient.AlterConfigsAsync"/>.</summary>
public sealed class AlterConfigsOptions : AdminOperationOptions
{
    public bool ValidateOnly { get; set; }
}
