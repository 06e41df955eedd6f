using Spool.Client.Admin;

namespace Spool.Operator.Reconcilers;

/// <summary>What a Topic reconcile does to the Kafka topic, and what it refuses (with the condition saying why).</summary>
public sealed record TopicPlan(bool Create, int? RaisePartitionsTo, IReadOnlyList<AlterConfigOp> ConfigChanges, IReadOnlyList<ConditionState> Refusals)
{
    public bool ChangesSomething => Create || RaisePartitionsTo is not null || ConfigChanges.Count > 0;
}
