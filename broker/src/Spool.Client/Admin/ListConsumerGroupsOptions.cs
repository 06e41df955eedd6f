namespace Spool.Client.Admin;

/// <summary>Options of <see cref="KafkaAdminClient.ListConsumerGroupsAsync"/>.</summary>
public sealed class ListConsumerGroupsOptions : AdminOperationOptions
{
    /// <summary>Only groups in these states (<c>Stable</c>, <c>Empty</c>, ...; ListGroups v4+).</summary>
    public IReadOnlyCollection<string>? States { get; set; }

    /// <summary>Only groups of these types (<c>classic</c>, <c>consumer</c>; ListGroups v5+).</summary>
    public IReadOnlyCollection<string>? Types { get; set; }
}
