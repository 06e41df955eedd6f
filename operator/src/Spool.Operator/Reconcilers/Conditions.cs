using Spool.Kubernetes.Models;

namespace Spool.Operator.Reconcilers;

/// <summary>The standard conditions of every Spool resource, merged the way metav1.Condition expects.</summary>
public static class Conditions
{
    /// <summary>The resource is in the state its spec asks for and usable.</summary>
    public const string Ready = "Ready";

    /// <summary>The operator is moving the resource toward its spec (creating, rolling, waiting).</summary>
    public const string Progressing = "Progressing";

    /// <summary>Something is wrong that the operator cannot fix by itself; the reason says what.</summary>
    public const string Degraded = "Degraded";

    /// <summary>
    /// The new conditions in Ready, Progressing, Degraded order. lastTransitionTime changes only when a condition's
    /// status flips, so an unchanged reconcile writes an identical status (and no write at all).
    /// </summary>
    public static List<Condition> Merge(IReadOnlyList<Condition>? previous, IEnumerable<ConditionState> current, long? generation, DateTimeOffset now)
    {
        var seconds = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return
        [
            .. current.Select(c =>
            {
                var status = c.Status ? "True" : "False";
                var before = Find(previous, c.Type);
                return new Condition
                {
                    Type = c.Type,
                    Status = status,
                    ObservedGeneration = generation,
                    LastTransitionTime = before?.Status == status && before.LastTransitionTime is { } since ? since : seconds,
                    Reason = c.Reason,
                    Message = c.Message,
                };
            }),
        ];
    }

    public static Condition? Find(IReadOnlyList<Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(IReadOnlyList<Condition>? conditions, string type) => Find(conditions, type)?.Status == "True";
}
