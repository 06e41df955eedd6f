using System.Text.Json;
using Spool.Cli.Tests.Infrastructure;

namespace Spool.Cli.Tests.Commands;

[Collection(BrokerCollection.Name)]
public sealed class ResetOffsetsTests(BrokerFixture fixture)
{
    /// <summary>
    /// Record timestamps of the two phases produced by <see cref="PrepareAsync"/>, 10 records per partition each:
    /// recent whole seconds, so that retention keeps the records and the times print exactly in ISO-8601.
    /// </summary>
    private static readonly long PhaseTwo = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 300) * 1000;
    private static readonly long PhaseOne = PhaseTwo - 100_000;

    private readonly CliRunner _cli = fixture.Cli;

    [Fact]
    public async Task A_dry_run_shows_old_and_new_offsets_and_changes_nothing()
    {
        var (topic, group) = await PrepareAsync();
        var dryRun = (await _cli.RunAsync("groups", "reset-offsets", "--group", group, "--topic", topic, "--to-earliest")).Succeeded();
        dryRun.Lines[0].Should().MatchRegex(@"^GROUP\s+TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+NEW-OFFSET");
        dryRun.Lines.Skip(1).Select(Columns).Should().BeEquivalentTo(
            new[] { new[] { group, topic, "0", "15", "0" }, [group, topic, "1", "15", "0"] });
        dryRun.Stderr.Should().Contain("Dry run: nothing was changed. Add --execute to apply these offsets.");
        (await CommittedAsync(group)).Should().Equal(15, 15);

        var explicitDryRun = (await _cli.RunAsync("groups", "reset-offsets", group, "--all-topics", "--to-latest", "--dry-run", "-o", "json")).Succeeded().Json();
        explicitDryRun.GetProperty("executed").GetBoolean().Should().BeFalse();
        explicitDryRun.GetProperty("partitions").EnumerateArray().Select(p => (p.GetProperty("currentOffset").GetInt64(), p.GetProperty("newOffset").GetInt64()))
            .Should().Equal((15, 20), (15, 20));
        (await CommittedAsync(group)).Should().Equal(15, 15);
    }

    [Fact]
    public async Task Every_strategy_moves_the_offsets_where_kafka_consumer_groups_would()
    {
        var (topic, group) = await PrepareAsync();
        async Task<long[]> ResetAsync(params string[] how)
        {
            var result = (await _cli.RunAsync(["groups", "reset-offsets", group, "--topic", topic, "--execute", "-o", "json", .. how])).Succeeded().Json();
            result.GetProperty("executed").GetBoolean().Should().BeTrue();
            var planned = result.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("newOffset").GetInt64()).ToArray();
            (await CommittedAsync(group)).Should().Equal(planned);
            return planned;
        }

        (await ResetAsync("--to-earliest")).Should().Equal(0, 0);
        (await ResetAsync("--to-latest")).Should().Equal(20, 20);
        (await ResetAsync("--shift-by", "-4")).Should().Equal(16, 16);
        (await ResetAsync("--to-offset", "7")).Should().Equal(7, 7);
        (await ResetAsync("--to-offset", "1000")).Should().Equal(new long[] { 20, 20 }, "an offset past the end is clamped to the log end");
        (await ResetAsync("--shift-by", "-1000")).Should().Equal(new long[] { 0, 0 }, "a shift before the start is clamped to the log start");
        var phaseTwo = DateTimeOffset.FromUnixTimeMilliseconds(PhaseTwo);
        (await ResetAsync("--to-datetime", phaseTwo.ToString("yyyy-MM-ddTHH:mm:ssZ"))).Should().Equal(new long[] { 10, 10 }, "the first record at or after the time, phase two");
        (await ResetAsync("--to-datetime", PhaseOne.ToString())).Should().Equal(new long[] { 0, 0 }, "epoch milliseconds work too");
        (await ResetAsync("--to-datetime", phaseTwo.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz"))).Should().Equal(new long[] { 10, 10 }, "a zone is honoured");
        (await ResetAsync("--to-datetime", phaseTwo.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ss"))).Should().Equal(new long[] { 20, 20 }, "no record that late: the log end");
        (await ResetAsync("--by-duration", "1h")).Should().Equal(new long[] { 0, 0 }, "every record is younger than an hour");
        (await ResetAsync("--by-duration", "PT4M")).Should().Equal(new long[] { 20, 20 }, "no record is younger than four minutes");
    }

    [Fact]
    public async Task Partitions_can_be_chosen_per_topic_or_as_everything_the_group_committed()
    {
        var (topic, group) = await PrepareAsync();
        var one = (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", $"{topic}:1", "--to-earliest", "--execute", "-o", "json")).Succeeded().Json();
        one.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("partition").GetInt32()).Should().Equal(1);
        (await CommittedAsync(group)).Should().Equal(15, 0);

        (await _cli.RunAsync("groups", "reset-offsets", group, "--all-topics", "--to-offset", "3", "--execute")).Succeeded();
        (await CommittedAsync(group)).Should().Equal(3, 3);

        (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", $"{topic}:0-1", "--shift-by", "2", "--execute")).Succeeded();
        (await CommittedAsync(group)).Should().Equal(5, 5);
    }

    [Fact]
    public async Task Mistakes_exit_with_usage_and_not_found_codes()
    {
        var (topic, group) = await PrepareAsync();
        (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", topic)).ExitedWith(ExitCodes.Usage).Stderr.Should().Contain("give exactly one of");
        (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", topic, "--to-earliest", "--to-latest")).ExitedWith(ExitCodes.Usage);
        (await _cli.RunAsync("groups", "reset-offsets", group, "--to-earliest")).ExitedWith(ExitCodes.Usage).Stderr.Should().Contain("--all-topics");
        (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", topic, "--to-earliest", "--dry-run", "--execute")).ExitedWith(ExitCodes.Usage);
        (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", topic, "--to-datetime", "yesterday")).ExitedWith(ExitCodes.Usage);
        (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", $"{topic}:x", "--to-earliest")).ExitedWith(ExitCodes.Usage);
        (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", Names.Unique("nope"), "--to-earliest")).ExitedWith(ExitCodes.NotFound)
            .Stderr.Should().Contain("UNKNOWN_TOPIC_OR_PARTITION");
        (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", $"{topic}:9", "--to-earliest")).ExitedWith(ExitCodes.NotFound);

        // A group that never committed has nothing to shift from (kafka-consumer-groups.sh refuses too), but can be set.
        var fresh = Names.Unique("fresh");
        (await _cli.RunAsync("groups", "reset-offsets", fresh, "--topic", topic, "--shift-by", "1", "--execute")).ExitedWith(ExitCodes.Refused)
            .Stderr.Should().Contain("NO_COMMITTED_OFFSET");
        var created = (await _cli.RunAsync("groups", "reset-offsets", fresh, "--topic", topic, "--to-offset", "4", "--execute", "-o", "json")).Succeeded().Json();
        created.GetProperty("partitions")[0].GetProperty("currentOffset").ValueKind.Should().Be(JsonValueKind.Null);
        (await CommittedAsync(fresh)).Should().Equal(4, 4);
    }

    /// <summary>
    /// A 2-partition topic with 20 records per partition (10 at <see cref="PhaseOne"/>, 10 at <see cref="PhaseTwo"/>)
    /// and a group that committed 15 in each.
    /// </summary>
    private async Task<(string Topic, string Group)> PrepareAsync()
    {
        var (topic, group) = (Names.Unique("reset"), Names.Unique("g"));
        (await _cli.RunAsync("topics", "create", topic, "--partitions", "2")).Succeeded();
        var records = Enumerable.Range(0, 40).Select(i =>
            $$"""{"key":"k{{i}}","value":"v{{i}}","partition":{{i % 2}},"timestamp":{{(i < 20 ? PhaseOne : PhaseTwo) + i}}}""");
        (await _cli.RunAsync(["produce", topic, "--format", "json"], string.Join('\n', records))).Succeeded();
        (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", topic, "--to-offset", "15", "--execute")).Succeeded();
        return (topic, group);
    }

    private async Task<long[]> CommittedAsync(string group)
    {
        var detail = (await _cli.RunAsync("groups", "describe", group, "-o", "json")).Succeeded().Json()[0];
        return [.. detail.GetProperty("offsets").EnumerateArray().Select(o => o.GetProperty("committedOffset").GetInt64())];
    }

    private static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
