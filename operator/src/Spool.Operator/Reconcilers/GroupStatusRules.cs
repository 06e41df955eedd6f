using Spool.Operator.Entities;

namespace Spool.Operator.Reconcilers;

/// <summary>A ConsumerGroup's status and conditions.</summary>
public static class GroupStatusRules
{
    public static ConsumerGroupStatus Compute(GroupObservation observed, ConsumerGroupStatus? previous, long? generation, DateTimeOffset now)
    {
        var healthy = new ConditionState(Conditions.Degraded, false, Reasons.AsExpected, "No problem found.");
        ConditionState ready, progressing, degraded = healthy;
        if (observed.Waiting is { } waiting)
        {
            ready = waiting;
            progressing = waiting with { Type = Conditions.Progressing, Status = true };
        }
        else if (observed.KafkaError is { } error)
        {
            ready = new(Conditions.Ready, false, Reasons.KafkaError, error);
            progressing = new(Conditions.Progressing, false, Reasons.KafkaError, "Retrying on the next reconcile.");
            degraded = new(Conditions.Degraded, true, Reasons.KafkaError, error);
        }
        else if (observed.ResetFailed is { } failed)
        {
            ready = new(Conditions.Ready, false, Reasons.ResetFailed, failed);
            progressing = new(Conditions.Progressing, false, Reasons.ResetFailed, "Change resetOffsets (and its requestId) to try again.");
            degraded = new(Conditions.Degraded, true, Reasons.ResetFailed, failed);
        }
        else if (observed.ResetPending is { } pending)
        {
            ready = new(Conditions.Ready, false, Reasons.ResetPending, pending);
            progressing = new(Conditions.Progressing, true, Reasons.ResetPending, pending);
        }
        else
        {
            var total = observed.Lag?.Sum(l => l.Lag) ?? 0;
            ready = new(Conditions.Ready, true, Reasons.GroupObserved,
                $"Group {observed.GroupId} is {observed.State} with {observed.Members ?? 0} member(s) and a lag of {total} record(s).");
            progressing = observed.AppliedResetId is { } applied
                ? new(Conditions.Progressing, false, Reasons.ResetApplied, $"Offset reset {applied} was applied.")
                : new(Conditions.Progressing, false, Reasons.Reconciled, "Nothing to do.");
        }

        return new ConsumerGroupStatus
        {
            ObservedGeneration = generation,
            Conditions = Conditions.Merge(previous?.Conditions, [ready, progressing, degraded], generation, now),
            GroupId = observed.GroupId,
            State = observed.State ?? previous?.State,
            Members = observed.Members ?? previous?.Members,
            Lag = observed.Lag ?? previous?.Lag,
            TotalLag = observed.Lag?.Sum(l => l.Lag) ?? previous?.TotalLag,
            LastAppliedResetId = observed.AppliedResetId ?? previous?.LastAppliedResetId,
            LastResetTime = observed.AppliedAt ?? previous?.LastResetTime,
        };
    }
}
