namespace Spool.Operator.Reconcilers;

/// <summary>A condition as a reconcile decides it; <see cref="Conditions.Merge"/> adds times and generation.</summary>
public sealed record ConditionState(string Type, bool Status, string Reason, string Message);
