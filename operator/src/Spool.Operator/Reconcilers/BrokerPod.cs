namespace Spool.Operator.Reconcilers;

/// <summary>What the roll planner needs to know about one broker pod.</summary>
public sealed record BrokerPod(string Name, int Ordinal, string? Revision, bool Ready, bool Terminating);
