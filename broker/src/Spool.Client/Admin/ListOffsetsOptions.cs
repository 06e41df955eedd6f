namespace Spool.Client.Admin;

/// <summary>Options of <see cref="KafkaAdminClient.ListOffsetsAsync"/>.</summary>
public sealed class ListOffsetsOptions : AdminOperationOptions
{
    public IsolationLevel IsolationLevel { get; set; } = IsolationLevel.ReadUncommitted;
}
