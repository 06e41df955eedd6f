using Spool.Operator.Entities;

namespace Spool.Operator.Reconcilers;

/// <summary>What one Topic reconcile found, from which its status is computed.</summary>
public sealed record TopicObservation
{
    public string? TopicName { get; init; }

    /// <summary>Id, partitions and replication factor as Kafka has them (null when unknown this time).</summary>
    public TopicStatus? Description { get; init; }

    public IReadOnlyList<ConditionState> Refusals { get; init; } = [];

    /// <summary>The cluster cannot take requests yet.</summary>
    public ConditionState? Waiting { get; init; }

    /// <summary>Name conflicts and renames: nothing was done.</summary>
    public ConditionState? Blocked { get; init; }

    public (string Reason, string Message)? KafkaError { get; init; }
}
