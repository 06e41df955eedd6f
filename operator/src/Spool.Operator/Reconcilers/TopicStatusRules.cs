using Spool.Operator.Entities;

namespace Spool.Operator.Reconcilers;

/// <summary>A Topic's status and conditions.</summary>
public static class TopicStatusRules
{
    public static TopicStatus Compute(TopicObservation observed, TopicStatus? previous, long? generation, DateTimeOffset now)
    {
        var described = observed.Description ?? previous;
        ConditionState ready, progressing, degraded;
        if (observed.Blocked is { } blocked)
        {
            ready = blocked;
            progressing = new(Conditions.Progressing, false, blocked.Reason, "Nothing was changed.");
            degraded = blocked with { Type = Conditions.Degraded, Status = true };
        }
        else if (observed.Waiting is { } waiting)
        {
            ready = waiting;
            progressing = waiting with { Type = Conditions.Progressing, Status = true };
            degraded = new(Conditions.Degraded, false, Reasons.AsExpected, "No problem found.");
        }
        else if (observed.KafkaError is var (reason, error))
        {
            ready = new(Conditions.Ready, false, reason, error);
            progressing = new(Conditions.Progressing, false, reason, "Retrying on the next reconcile.");
            degraded = new(Conditions.Degraded, true, reason, error);
        }
        else if (observed.Refusals.Count > 0)
        {
            var message = string.Join(" ", observed.Refusals.Select(r => r.Message));
            ready = new(Conditions.Ready, false, observed.Refusals[0].Reason, message);
            progressing = new(Conditions.Progressing, false, observed.Refusals[0].Reason, "Everything else in the spec is applied.");
            degraded = new(Conditions.Degraded, true, observed.Refusals[0].Reason, message);
        }
        else
        {
            ready = new(Conditions.Ready, true, Reasons.TopicReady,
                $"Topic {observed.TopicName} has {described?.Partitions} partitions and the configs of the spec.");
            progressing = new(Conditions.Progressing, false, Reasons.Reconciled, "The topic matches the spec.");
            degraded = new(Conditions.Degraded, false, Reasons.AsExpected, "No problem found.");
        }

        return new TopicStatus
        {
            ObservedGeneration = generation,
            Conditions = Conditions.Merge(previous?.Conditions, [ready, progressing, degraded], generation, now),
            TopicName = observed.TopicName ?? previous?.TopicName,
            TopicId = described?.TopicId,
            Partitions = described?.Partitions,
            ReplicationFactor = described?.ReplicationFactor,
        };
    }
}
