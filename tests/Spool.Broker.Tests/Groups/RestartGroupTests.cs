using System.Text.Json;
using Spool.Testing;

namespace Spool.Broker.Tests.Groups;

/// <summary>Groups and committed offsets survive a broker restart, clean or kill -9 (issue 3, scenario 6).</summary>
public sealed class RestartGroupTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Committed_offsets_and_groups_survive_a_restart(bool clean)
    {
        await using var broker = await BrokerProcess.StartAsync(GroupScenarioRunner.BrokerOverrides);
        string[] names = ["--topic", "restart-topic", "--group", "restart-group", "--records", "100"];

        var before = await GroupScenarioRunner.RunAsync("restart", broker.BootstrapServers, [.. names, "--role", "before"]);
        var committed = Offsets(before.GetProperty("committed"));
        committed.Values.Sum(o => Math.Max(o, 0)).Should().Be(50, "a partition without a commit reports -1001");

        await broker.RestartAsync(clean);

        var after = await GroupScenarioRunner.RunAsync("restart", broker.BootstrapServers, [.. names, "--role", "after"]);
        Offsets(after.GetProperty("committed")).Should().BeEquivalentTo(committed);
        var consumedBefore = before.GetProperty("consumed").EnumerateArray().Select(v => v.GetInt32());
        var consumedAfter = after.GetProperty("consumed").EnumerateArray().Select(v => v.GetInt32());
        consumedBefore.Concat(consumedAfter).Should().BeEquivalentTo(Enumerable.Range(0, 100), "the group resumes exactly where it committed");

        var described = await GroupScenarioRunner.RunAsync("describe", broker.BootstrapServers, "--group", "restart-group");
        described.GetProperty("groups").EnumerateArray().Single().GetProperty("state").GetString().Should().Be("Empty");
    }

    private static Dictionary<string, long> Offsets(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
}
