namespace Spool.Client.Admin;

/// <summary>Options of <see cref="KafkaAdminClient.CreatePartitionsAsync"/>.</summary>
public sealed class CreatePartitionsOptions : AdminOperationOptions
{
    public bool ValidateOnly { get; set; }
}
