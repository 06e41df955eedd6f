using System.Text.Json.Nodes;
using Spool.Client;
using Spool.Operator.Entities;
using Spool.Operator.Reconcilers;

namespace Spool.Operator.Tests.Reconcilers;

public sealed class OffsetResetPlannerTests
{
    private static readonly TopicPartition P0 = new("t", 0);
    private static readonly TopicPartition P1 = new("t", 1);
    private static readonly Dictionary<TopicPartition, long> Start = new() { [P0] = 10, [P1] = 0 };
    private static readonly Dictionary<TopicPartition, long> End = new() { [P0] = 100, [P1] = 50 };
    private static readonly Dictionary<TopicPartition, long> Committed = new() { [P0] = 40 };

    private static OffsetResetPlan Plan(ResetTarget to, JsonNode? value = null, IReadOnlyDictionary<TopicPartition, long>? byTime = null) =>
        OffsetResetPlanner.Plan(new OffsetReset { To = to, Value = value, RequestId = "r" }, [P0, P1], Committed, Start, End, byTime);

    [Fact]
    public void Earliest_and_latest_are_the_log_bounds()
    {
        Plan(ResetTarget.Earliest).Offsets.Should().Equal(new Dictionary<TopicPartition, long> { [P0] = 10, [P1] = 0 });
        Plan(ResetTarget.Latest).Offsets.Should().Equal(new Dictionary<TopicPartition, long> { [P0] = 100, [P1] = 50 });
    }

    [Fact]
    public void An_offset_is_clamped_into_the_log() =>
        Plan(ResetTarget.Offset, JsonValue.Create(60)).Offsets.Should().Equal(new Dictionary<TopicPartition, long> { [P0] = 60, [P1] = 50 });

    [Fact]
    public void A_timestamp_without_later_records_goes_to_the_end() =>
        Plan(ResetTarget.Timestamp, JsonValue.Create("2024-05-01T00:00:00Z"), new Dictionary<TopicPartition, long> { [P0] = 42, [P1] = -1 })
            .Offsets.Should().Equal(new Dictionary<TopicPartition, long> { [P0] = 42, [P1] = 50 });

    [Fact]
    public void A_shift_needs_a_committed_offset() =>
        Plan(ResetTarget.ShiftBy, JsonValue.Create("-5")).Error.Should().Contain("t-1");

    [Fact]
    public void A_shift_moves_from_the_committed_offset()
    {
        var plan = OffsetResetPlanner.Plan(new OffsetReset { To = ResetTarget.ShiftBy, Value = JsonValue.Create(-50), RequestId = "r" }, [P0], Committed, Start, End);
        plan.Offsets[P0].Should().Be(10, "40 - 50 is clamped to the log start");
    }

    [Fact]
    public void Values_are_checked() =>
        Plan(ResetTarget.Offset, JsonValue.Create("ten")).Error.Should().Contain("integer");

    [Theory]
    [InlineData("2024-05-01T12:00:00Z", 1714564800000L)]
    [InlineData("1714564800000", 1714564800000L)]
    public void Timestamps_are_rfc3339_or_epoch_milliseconds(string value, long expected) =>
        OffsetResetPlanner.Timestamp(JsonValue.Create(value)).Milliseconds.Should().Be(expected);

    [Fact]
    public void Epoch_milliseconds_beyond_int32_are_accepted() =>
        OffsetResetPlanner.Timestamp(JsonValue.Create(1714564800000L)).Milliseconds.Should().Be(1714564800000L);
}
