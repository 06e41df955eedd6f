namespace Spool.Client.Admin;

/// <summary>Options of <see cref="KafkaAdminClient.ListTopicsAsync"/>.</summary>
public sealed class ListTopicsOptions : AdminOperationOptions
{
    /// <summary>Include internal topics such as <c>__consumer_offsets</c>.</summary>
    public bool ListInternal { get; set; }
}
