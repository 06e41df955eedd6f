using Spool.Client;
using Spool.Client.Admin;
using Spool.Operator.Entities;
using Spool.Operator.Kafka;
using Spool.Protocol;

namespace Spool.Operator.Reconcilers;

/// <summary>Declarative offset resets, exactly once per requestId.</summary>
public sealed partial class ConsumerGroupReconciler
{
    /// <summary>Group states in which no member holds partitions, so committed offsets can be replaced (as kafka-consumer-groups.sh requires).</summary>
    private static readonly HashSet<string> Inactive = new(StringComparer.OrdinalIgnoreCase) { "Empty", "Dead" };

    private async Task<GroupObservation> ResetAsync(SpoolConsumerGroup group, IClusterAdmin admin, OffsetReset reset, GroupObservation observed, CancellationToken cancellationToken)
    {
        var groupId = observed.GroupId;
        if (observed.Members > 0 || (observed.State is { } state && !Inactive.Contains(state)))
        {
            var pending = $"Offset reset {reset.RequestId} waits until group {groupId} has no active members (now {observed.State} with {observed.Members} member(s)): stop its consumers.";
            return observed with { ResetPending = pending };
        }

        var committed = await CommittedAsync(admin, groupId, cancellationToken);
        var topics = reset.Topics is { Count: > 0 } named ? named
            : group.Spec?.Topics is { Count: > 0 } listed ? listed
            : [.. committed.Keys.Select(k => k.Topic).Distinct(StringComparer.Ordinal)];
        var partitions = await PartitionsAsync(admin, topics, cancellationToken);
        var marker = ResetMarkerPrefix + reset.RequestId;
        if (partitions.Count > 0 && partitions.All(p => committed.TryGetValue(p, out var c) && c.Metadata == marker))
        {
            // Applied before the operator could record it (it was stopped in between): record it, do not apply it twice.
            return await AppliedAsync(group, admin, reset, observed, "found already applied", cancellationToken);
        }

        var plan = await PlanAsync(admin, reset, partitions, committed, cancellationToken);
        if (plan.Error is { } error)
        {
            await events.WarningAsync(group, Reasons.ResetFailed, error, cancellationToken);
            return observed with { ResetFailed = $"Offset reset {reset.RequestId} failed: {error}" };
        }

        var results = await admin.AlterGroupOffsetsAsync(groupId, plan.Offsets.ToDictionary(kv => kv.Key, kv => new OffsetAndMetadata(kv.Value, marker)), cancellationToken);
        if (results.FirstOrDefault(r => r.Error is not null)?.Error is { } failure)
        {
            if (failure.Error is ErrorCode.UnknownMemberId or ErrorCode.RebalanceInProgress or ErrorCode.NonEmptyGroup or ErrorCode.IllegalGeneration)
            {
                return observed with { ResetPending = $"Offset reset {reset.RequestId} waits: a consumer joined group {groupId} meanwhile ({failure.Message})." };
            }

            throw failure;
        }

        var summary = string.Join(", ", plan.Offsets.OrderBy(kv => kv.Key.Topic, StringComparer.Ordinal).ThenBy(kv => kv.Key.Partition).Take(10).Select(kv => $"{kv.Key}={kv.Value}"));
        return await AppliedAsync(group, admin, reset, observed, $"{plan.Offsets.Count} partition(s) moved to {OffsetResetPlanner.Name(reset.To)}: {summary}", cancellationToken);
    }

    private async Task<OffsetResetPlan> PlanAsync(IClusterAdmin admin, OffsetReset reset, List<TopicPartition> partitions, Dictionary<TopicPartition, CommittedOffset> committed, CancellationToken cancellationToken)
    {
        Dictionary<TopicPartition, long>? byTimestamp = null;
        if (reset.To == ResetTarget.Timestamp)
        {
            var (milliseconds, error) = OffsetResetPlanner.Timestamp(reset.Value);
            if (error is not null)
            {
                return OffsetResetPlan.Fail(error);
            }

            byTimestamp = await OffsetsAsync(admin, partitions, OffsetSpec.ForTimestamp(milliseconds!.Value), cancellationToken);
        }

        var start = await OffsetsAsync(admin, partitions, OffsetSpec.Earliest, cancellationToken);
        var end = await OffsetsAsync(admin, partitions, OffsetSpec.Latest, cancellationToken);
        return OffsetResetPlanner.Plan(reset, partitions, committed.ToDictionary(kv => kv.Key, kv => kv.Value.Offset), start, end, byTimestamp);
    }

    private async Task<GroupObservation> AppliedAsync(SpoolConsumerGroup group, IClusterAdmin admin, OffsetReset reset, GroupObservation observed, string what, CancellationToken cancellationToken)
    {
        await events.NormalAsync(group, Reasons.ResetApplied, $"Offset reset {reset.RequestId}: {what}.", cancellationToken);
        var after = await ObserveAsync(group, admin, cancellationToken);
        return after with { AppliedResetId = reset.RequestId, AppliedAt = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds()) };
    }
}
