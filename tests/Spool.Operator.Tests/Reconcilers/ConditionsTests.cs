using System.Text.Json.Nodes;
using Spool.Kubernetes.Models;
using Spool.Operator.Reconcilers;

namespace Spool.Operator.Tests.Reconcilers;

public sealed class ConditionsTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2024-05-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Transition_time_moves_only_when_the_status_flips()
    {
        var first = Conditions.Merge(null, [new(Conditions.Ready, false, "A", "a")], 1, T0);
        var same = Conditions.Merge(first, [new(Conditions.Ready, false, "B", "b")], 2, T0.AddMinutes(1));
        same[0].LastTransitionTime.Should().Be(T0);
        same[0].ObservedGeneration.Should().Be(2);
        var flipped = Conditions.Merge(same, [new(Conditions.Ready, true, "C", "c")], 2, T0.AddMinutes(2));
        flipped[0].LastTransitionTime.Should().Be(T0.AddMinutes(2));
    }

    [Fact]
    public void Times_are_whole_seconds_so_that_an_unchanged_status_compares_equal() =>
        Conditions.Merge(null, [new(Conditions.Ready, true, "A", "a")], 1, T0.AddMilliseconds(750))[0].LastTransitionTime.Should().Be(T0);

    [Fact]
    public void Status_patch_is_null_when_nothing_changed_and_removes_dropped_fields()
    {
        var before = new JsonObject { ["a"] = 1, ["b"] = "x" };
        StatusPatch.Create(before, new JsonObject { ["a"] = 1, ["b"] = "x" }).Should().BeNull();
        var patch = StatusPatch.Create(before, new JsonObject { ["a"] = 2 })!;
        patch.ToJsonString().Should().Be("{\"status\":{\"a\":2,\"b\":null}}");
    }

    [Fact]
    public void Find_and_is_true()
    {
        List<Condition> conditions = [new Condition { Type = Conditions.Ready, Status = "True" }];
        Conditions.IsTrue(conditions, Conditions.Ready).Should().BeTrue();
        Conditions.IsTrue(conditions, Conditions.Degraded).Should().BeFalse();
    }
}
