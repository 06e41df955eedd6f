using System.Globalization;
using Spool.Cli.Tests.Infrastructure;
using Spool.Testing;

namespace Spool.Cli.Tests.Scenarios;

/// <summary>
/// Issue 3, scenario 4, end to end with real third-party consumers: produce 1,000 events, consume them as a group,
/// reset the group to earliest with the CLI and consume all 1,000 again (replay); reset to a timestamp and consume
/// exactly the records from that time on.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ReplayScenarioTests(BrokerFixture fixture)
{
    private const int PerPhase = 500;
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    private readonly CliRunner _cli = fixture.Cli;

    [ThirdPartyFact(ThirdPartyClient.ConfluentKafka)]
    public Task Confluent_kafka_consumers_replay_after_a_cli_reset() => ReplayAsync(ThirdPartyClient.ConfluentKafka);

    [ThirdPartyFact(ThirdPartyClient.Kafkajs)]
    public Task Kafkajs_consumers_replay_after_a_cli_reset() => ReplayAsync(ThirdPartyClient.Kafkajs);

    private async Task ReplayAsync(ThirdPartyClient client)
    {
        var (topic, group) = (Names.Unique("replay"), Names.Unique("replay"));
        (await _cli.RunAsync("topics", "create", topic, "--partitions", "3")).Succeeded();

        // Two phases with a known timestamp boundary between them (recent times, so retention keeps them).
        var boundary = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();
        await ProduceAsync(topic, first: 0, timestamp: i => boundary - 60_000 + i);
        await ProduceAsync(topic, first: PerPhase, timestamp: i => boundary + i);
        var all = Enumerable.Range(0, 2 * PerPhase).Select(Value).ToList();

        var first = await ConsumeAsync(client, topic, group, expect: all.Count);
        first.Should().BeEquivalentTo(all, "the group's first run reads every event once");
        await WaitUntilInactiveAsync(group);
        (await LagAsync(group)).Should().Be(0);

        var replay = (await _cli.RunAsync("groups", "reset-offsets", "--group", group, "--topic", topic, "--to-earliest", "--execute", "-o", "json")).Succeeded().Json();
        replay.GetProperty("partitions").EnumerateArray().Should().OnlyContain(p => p.GetProperty("newOffset").GetInt64() == 0);
        (await ConsumeAsync(client, topic, group, expect: all.Count)).Should().BeEquivalentTo(all, "after a reset to earliest the group replays every event");
        await WaitUntilInactiveAsync(group);

        var time = DateTimeOffset.FromUnixTimeMilliseconds(boundary).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        (await _cli.RunAsync("groups", "reset-offsets", "--group", group, "--topic", topic, "--to-datetime", time, "--execute")).Succeeded();
        var since = await ConsumeAsync(client, topic, group, expect: PerPhase);
        since.Should().BeEquivalentTo(all.Skip(PerPhase), "a reset to a time replays exactly the events from that time on");
        await WaitUntilInactiveAsync(group);
        (await LagAsync(group)).Should().Be(0);
    }

    private async Task ProduceAsync(string topic, int first, Func<int, long> timestamp)
    {
        var lines = Enumerable.Range(first, PerPhase).Select(i => $$"""{"key":"user-{{i % 37}}","value":"{{Value(i)}}","timestamp":{{timestamp(i)}}}""");
        var summary = (await _cli.RunAsync(["produce", topic, "--format", "json", "-o", "json"], string.Join('\n', lines))).Succeeded().Json();
        summary.GetProperty("records").GetInt64().Should().Be(PerPhase);
    }

    private async Task<List<string>> ConsumeAsync(ThirdPartyClient client, string topic, string group, int expect)
    {
        var summary = await ScriptProcess.RunAsync(
            client, ["--bootstrap", fixture.Bootstrap, "--topic", topic, "--group", group, "--expect", expect.ToString(CultureInfo.InvariantCulture)], ScriptTimeout);
        return [.. summary.GetProperty("values").EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>The consumer left the group on close; the coordinator may take a moment to show it Empty.</summary>
    private async Task WaitUntilInactiveAsync(string group)
    {
        var inactive = await Eventually.TrueAsync(async () =>
        {
            var described = await _cli.RunAsync("groups", "describe", group, "-o", "json");
            return described.ExitCode == 0 && described.Json()[0].GetProperty("state").GetString() == "Empty";
        }, TimeSpan.FromSeconds(30));
        inactive.Should().BeTrue($"group {group} should be Empty once its consumer closed");
    }

    private async Task<long> LagAsync(string group) =>
        (await _cli.RunAsync("groups", "describe", group, "-o", "json")).Succeeded().Json()[0].GetProperty("totalLag").GetInt64();

    private static string Value(int i) => $"event-{i:D4}";
}
