using System.Text.Json;

namespace Spool.Compat.Tests;

/// <summary>
/// Checks of the scenario scripts' JSON summaries. The scripts check every record themselves; these make sure that
/// the run did what the test is named after (the right sizes, a real split, a real resume point).
/// </summary>
public static class GroupSummaries
{
    public static void Verify(string scenario, JsonElement summary)
    {
        summary.GetProperty("scenario").GetString().Should().Be(scenario);
        switch (scenario)
        {
            case "two-groups":
                summary.GetProperty("groups").GetArrayLength().Should().Be(2);
                summary.GetProperty("records_per_group").GetInt32().Should().Be(400);
                break;
            case "split-and-leave":
                var before = Assignments(summary.GetProperty("before"));
                before.Should().HaveCount(4).And.OnlyContain(a => a.Value.Length == 2);
                before.Values.SelectMany(p => p).Should().BeEquivalentTo(Enumerable.Range(0, 8));
                var after = Assignments(summary.GetProperty("after"));
                after.Should().HaveCount(3);
                after.Values.SelectMany(p => p).Should().BeEquivalentTo(Enumerable.Range(0, 8));
                summary.GetProperty("records").GetInt32().Should().Be(800);
                break;
            case "killed-mid-batch":
                summary.GetProperty("committed").GetInt32().Should().Be(100);
                summary.GetProperty("resumed_at").GetInt32().Should().Be(100);
                summary.GetProperty("replacement_records").GetInt32().Should().Be(100);
                break;
            case "key-order":
                summary.GetProperty("records").GetInt32().Should().Be(2000);
                summary.GetProperty("users").GetInt32().Should().Be(40);
                var perInstance = summary.GetProperty("per_instance").EnumerateObject().Select(p => p.Value.GetInt32()).ToList();
                perInstance.Should().HaveCount(4).And.OnlyContain(n => n > 0);
                perInstance.Sum().Should().Be(2000);
                break;
            case "replay":
                summary.GetProperty("replayed").GetInt32().Should().Be(1000);
                summary.GetProperty("from_timestamp").GetInt32().Should().Be(400);
                summary.GetProperty("refused_while_active").GetString().Should().NotBeNullOrEmpty();
                break;
            case "compaction":
                summary.GetProperty("tombstoned").GetInt32().Should().Be(5);
                summary.GetProperty("records_left").GetInt32().Should().BeLessThan(summary.GetProperty("produced").GetInt32());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario");
        }
    }

    public static void VerifyRestart(JsonElement summary)
    {
        summary.GetProperty("scenario").GetString().Should().Be("restart");
        summary.GetProperty("committed_before").EnumerateObject().Sum(p => p.Value.GetInt64()).Should().Be(200);
        summary.GetProperty("produced").GetInt32().Should().BeGreaterThanOrEqualTo(440, "200 before, one chunk ahead, at least one during and 200 after the restart");
    }

    private static Dictionary<string, int[]> Assignments(JsonElement element) =>
        element.EnumerateObject().ToDictionary(m => m.Name, m => m.Value.EnumerateArray().Select(p => p.GetInt32()).ToArray());
}
