using Spool.Client;

namespace Spool.Operator.Reconcilers;

/// <summary>The offsets a reset commits, or why it cannot be applied.</summary>
public sealed record OffsetResetPlan(IReadOnlyDictionary<TopicPartition, long> Offsets, string? Error)
{
    public static OffsetResetPlan Fail(string error) => new(new Dictionary<TopicPartition, long>(), error);
}
