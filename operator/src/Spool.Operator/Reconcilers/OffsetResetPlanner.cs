using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spool.Client;
using Spool.Operator.Entities;

namespace Spool.Operator.Reconcilers;

/// <summary>
/// Target offsets of a reset, as kafka-consumer-groups.sh --reset-offsets computes them: earliest and latest are the
/// log start and end; a timestamp is the first record at or after it (the end when there is none); an offset and a
/// shift are clamped into [start, end]; a shift needs a committed offset to move from.
/// </summary>
public static class OffsetResetPlanner
{
    /// <summary>Milliseconds since the epoch of a timestamp reset's value, or an error.</summary>
    public static (long? Milliseconds, string? Error) Timestamp(JsonNode? value)
    {
        if (Integer(value) is { } ms)
        {
            return ms >= 0 ? (ms, null) : (null, "resetOffsets.value must be a time at or after the epoch.");
        }

        return value?.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? (time.ToUnixTimeMilliseconds(), null)
            : (null, "resetOffsets.value must be an RFC 3339 time (2024-05-01T12:00:00Z) or epoch milliseconds for to: timestamp.");
    }

    /// <summary>An integer value (JSON number or numeric string), or null.</summary>
    public static long? Integer(JsonNode? value) => value?.GetValueKind() switch
    {
        // A JsonValue built from an int does not convert to long: parse the JSON text, whatever the CLR type behind it.
        JsonValueKind.Number when long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        JsonValueKind.String when long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <param name="reset">The requested reset.</param>
    /// <param name="partitions">Every partition to reset.</param>
    /// <param name="committed">Current committed offsets (absent when none).</param>
    /// <param name="start">Log start offsets.</param>
    /// <param name="end">Log end offsets.</param>
    /// <param name="byTimestamp">For to: timestamp, the offset of the first record at or after it (-1 when none).</param>
    public static OffsetResetPlan Plan(
        OffsetReset reset,
        IReadOnlyList<TopicPartition> partitions,
        IReadOnlyDictionary<TopicPartition, long> committed,
        IReadOnlyDictionary<TopicPartition, long> start,
        IReadOnlyDictionary<TopicPartition, long> end,
        IReadOnlyDictionary<TopicPartition, long>? byTimestamp = null)
    {
        if (partitions.Count == 0)
        {
            return OffsetResetPlan.Fail("There is no partition to reset: name the topics in resetOffsets.topics or spec.topics (the group has no committed offsets to take them from).");
        }

        long? argument = null;
        if (reset.To is ResetTarget.Offset or ResetTarget.ShiftBy)
        {
            argument = Integer(reset.Value);
            if (argument is null)
            {
                return OffsetResetPlan.Fail($"resetOffsets.value must be an integer for to: {Name(reset.To)}.");
            }
        }

        var offsets = new Dictionary<TopicPartition, long>();
        foreach (var tp in partitions)
        {
            if (!start.TryGetValue(tp, out var low) || !end.TryGetValue(tp, out var high))
            {
                return OffsetResetPlan.Fail($"The log start and end offsets of {tp} are unknown.");
            }

            long target;
            switch (reset.To)
            {
                case ResetTarget.Earliest:
                    target = low;
                    break;
                case ResetTarget.Latest:
                    target = high;
                    break;
                case ResetTarget.Timestamp:
                    target = byTimestamp?.TryGetValue(tp, out var found) == true && found >= 0 ? found : high;
                    break;
                case ResetTarget.Offset:
                    target = argument!.Value;
                    break;
                default:
                    if (!committed.TryGetValue(tp, out var current) || current < 0)
                    {
                        return OffsetResetPlan.Fail($"Cannot shift the offset of {tp}: the group has no committed offset there.");
                    }

                    target = current + argument!.Value;
                    break;
            }

            offsets[tp] = Math.Clamp(target, low, Math.Max(low, high));
        }

        return new OffsetResetPlan(offsets, null);
    }

    public static string Name(ResetTarget target) => target switch
    {
        ResetTarget.Earliest => "earliest",
        ResetTarget.Latest => "latest",
        ResetTarget.Timestamp => "timestamp",
        ResetTarget.Offset => "offset",
        _ => "shiftBy",
    };
}
