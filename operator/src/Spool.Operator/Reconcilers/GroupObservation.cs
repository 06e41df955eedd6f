using Spool.Operator.Entities;

namespace Spool.Operator.Reconcilers;

/// <summary>What one ConsumerGroup reconcile found, from which its status is computed.</summary>
public sealed record GroupObservation
{
    public string GroupId { get; init; } = "";

    public string? State { get; init; }

    public int? Members { get; init; }

    public List<TopicLag>? Lag { get; init; }

    /// <summary>The cluster cannot take requests yet.</summary>
    public ConditionState? Waiting { get; init; }

    public string? KafkaError { get; init; }

    /// <summary>A reset waits for the group to empty.</summary>
    public string? ResetPending { get; init; }

    public string? ResetFailed { get; init; }

    /// <summary>Set when a reset was applied in this reconcile.</summary>
    public string? AppliedResetId { get; init; }

    public DateTimeOffset? AppliedAt { get; init; }
}
