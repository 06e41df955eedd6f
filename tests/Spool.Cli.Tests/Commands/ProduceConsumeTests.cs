using System.Text.Json;
using Spool.Cli.Tests.Infrastructure;
using Spool.Testing;

namespace Spool.Cli.Tests.Commands;

[Collection(BrokerCollection.Name)]
public sealed class ProduceConsumeTests(BrokerFixture fixture)
{
    /// <summary>A recent whole second (epoch ms) for explicit record timestamps: retention keeps such records.</summary>
    private static readonly long RecentSecond = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600) * 1000;

    private readonly CliRunner _cli = fixture.Cli;

    [Fact]
    public async Task Lines_with_keys_and_headers_come_back_in_the_console_consumer_layout()
    {
        var topic = await CreateAsync(partitions: 2);
        var produced = (await _cli.RunAsync(["produce", topic, "--key-separator", "\\t", "--headers", "source=cli", "-H", "run=1", "--partition", "1"], "a\tfirst\nb\tsecond\n")).Succeeded();
        produced.Lines[0].Should().Be($"Produced 2 record(s) to {topic}.");
        produced.Lines[1].Should().MatchRegex(@"^PARTITION\s+RECORDS\s+FIRST-OFFSET\s+LAST-OFFSET");
        produced.Lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal("1", "2", "0", "1");

        var plain = (await _cli.RunAsync("consume", topic, "--from-beginning", "--max-messages", "2")).Succeeded();
        plain.Lines.Should().Equal("first", "second");
        plain.Stderr.Should().Contain("Processed a total of 2 messages");

        var detailed = (await _cli.RunAsync("consume", topic, "--offset", "1", "--partition", "1", "-n", "1",
            "--print-timestamp", "--print-partition", "--print-offset", "--print-headers", "--print-key")).Succeeded();
        detailed.Lines.Should().ContainSingle().Which.Should().MatchRegex(@"^CreateTime:\d{13}\tPartition:1\tOffset:1\tsource:cli,run:1\tb\tsecond$");
    }

    [Fact]
    public async Task Json_output_of_consume_can_be_produced_again_binary_included()
    {
        var source = await CreateAsync(partitions: 1);
        var binary = Convert.ToBase64String([0xff, 0x00, 0xfe, 0x10]);
        var input = string.Join('\n',
            $$"""{"key":"user-1","value":"hello","headers":{"trace":"t-1"},"timestamp":{{RecentSecond}}}""",
            $$"""{"key":null,"value":"{{binary}}","valueEncoding":"base64","headers":[{"key":"h","value":"1"},{"key":"h","value":null}]}""",
            """{"value":{"nested":true}}""");
        var summary = (await _cli.RunAsync(["produce", source, "--format", "json", "-o", "json"], input)).Succeeded().Json();
        summary.GetProperty("records").GetInt64().Should().Be(3);
        summary.GetProperty("partitions")[0].GetProperty("lastOffset").GetInt64().Should().Be(2);

        var consumed = (await _cli.RunAsync("consume", source, "--from-beginning", "-n", "3", "-o", "json")).Succeeded();
        var records = consumed.Lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        records[0].GetProperty("topic").GetString().Should().Be(source);
        records[0].GetProperty("offset").GetInt64().Should().Be(0);
        records[0].GetProperty("timestamp").GetInt64().Should().Be(RecentSecond);
        records[0].GetProperty("timestampType").GetString().Should().Be("CreateTime");
        records[0].GetProperty("key").GetString().Should().Be("user-1");
        records[0].GetProperty("headers")[0].GetProperty("value").GetString().Should().Be("t-1");
        records[1].GetProperty("key").ValueKind.Should().Be(JsonValueKind.Null);
        records[1].GetProperty("valueEncoding").GetString().Should().Be("base64");
        records[1].GetProperty("value").GetString().Should().Be(binary);
        records[1].GetProperty("headers")[1].GetProperty("value").ValueKind.Should().Be(JsonValueKind.Null);
        records[2].GetProperty("value").GetString().Should().Be("""{"nested":true}""");

        var copy = await CreateAsync(partitions: 1);
        (await _cli.RunAsync(["produce", copy, "--format", "json"], consumed.Stdout)).Succeeded();
        var again = (await _cli.RunAsync("consume", copy, "--from-beginning", "-n", "3", "-o", "json")).Succeeded();
        again.Lines.Select(l => l.Replace(copy, source, StringComparison.Ordinal)).Should().Equal(consumed.Lines);
    }

    [Fact]
    public async Task Consume_starts_at_an_offset_a_time_or_the_log_end()
    {
        var topic = await CreateAsync(partitions: 1);
        var input = string.Join('\n', Enumerable.Range(0, 10).Select(i => $$"""{"value":"r{{i}}","timestamp":{{RecentSecond + (i * 1000)}}}"""));
        (await _cli.RunAsync(["produce", topic, "--format", "json"], input)).Succeeded();

        (await _cli.RunAsync("consume", topic, "--offset", "7", "-n", "3")).Succeeded().Lines.Should().Equal("r7", "r8", "r9");
        var fifth = DateTimeOffset.FromUnixTimeMilliseconds(RecentSecond + 5000).ToString("yyyy-MM-ddTHH:mm:ssZ");
        (await _cli.RunAsync("consume", topic, "--from-datetime", fifth, "-n", "5")).Succeeded().Lines.Should().Equal("r5", "r6", "r7", "r8", "r9");
        (await _cli.RunAsync("consume", topic, "--from-datetime", (RecentSecond + 8000).ToString(), "-n", "2")).Succeeded().Lines.Should().Equal("r8", "r9");

        // From the log end nothing arrives: the idle timeout ends the wait, and a missed --max-messages target is exit 5.
        var latest = (await _cli.RunAsync("consume", topic, "--idle-timeout", "1s")).Succeeded();
        latest.Lines.Should().BeEmpty();
        (await _cli.RunAsync("consume", topic, "--offset", "8", "-n", "5", "--timeout-ms", "1000")).ExitedWith(ExitCodes.Timeout)
            .Stderr.Should().Contain("only 2 of 5 message(s) arrived");
    }

    [Fact]
    public async Task A_group_consume_commits_exactly_what_it_printed_and_resumes_there()
    {
        var (topic, group) = (await CreateAsync(partitions: 3), Names.Unique("g"));
        // Keyed, so that every partition has records and, after the two consumes, a committed offset.
        (await _cli.RunAsync(["produce", topic, "--key-separator", "="], string.Join('\n', Enumerable.Range(0, 30).Select(i => $"k{i}=m{i}")))).Succeeded();

        var first = (await _cli.RunAsync("consume", topic, "--group", group, "--from-beginning", "-n", "12")).Succeeded().Lines;
        // --from-beginning only matters for partitions the first run printed nothing from (no committed offset).
        var second = (await _cli.RunAsync("consume", topic, "--group", group, "--from-beginning", "-n", "18")).Succeeded().Lines;
        first.Concat(second).Should().OnlyHaveUniqueItems().And.HaveCount(30);
        var detail = (await _cli.RunAsync("groups", "describe", group, "-o", "json")).Succeeded().Json()[0];
        detail.GetProperty("totalLag").GetInt64().Should().Be(0);

        // Ctrl+C ends an open-ended consume normally and still commits.
        (await _cli.RunAsync(["produce", topic, "--key-separator", "="], "k1=late-1\nk2=late-2")).Succeeded();
        (await LagAsync(group)).Should().Be(2);
        using var interrupt = new CancellationTokenSource();
        var running = _cli.RunAsync(["consume", topic, "--group", group], null, cancellationToken: interrupt.Token);
        (await Eventually.TrueAsync(async () => await LagAsync(group) == 0, TimeSpan.FromSeconds(30))).Should().BeTrue();
        await interrupt.CancelAsync();
        var interrupted = (await running).Succeeded();
        interrupted.Lines.Should().BeEquivalentTo(["late-1", "late-2"], interrupted.ToString());
    }

    [Fact]
    public async Task Producing_uses_compression_and_acks_and_shows_progress_on_a_terminal()
    {
        var topic = await CreateAsync(partitions: 1);
        using var file = new TempDirectory("spool-cli");
        var path = Path.Combine(file.Path, "records.txt");
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, 2000).Select(i => $"record number {i} " + new string('x', 100)));

        var terminal = await _cli.RunAsync(["produce", topic, "--file", path, "--compression", "zstd", "--acks", "1"], null, terminal: true);
        terminal.Succeeded().Stdout.Should().Contain($"producing to {topic}").And.Contain("Produced 2,000 record(s)");

        var quiet = (await _cli.RunAsync("produce", topic, "-f", path, "--compression", "gzip", "--acks", "0", "-o", "json")).Succeeded();
        quiet.Stdout.Should().NotContain("producing to");
        var partition = quiet.Json().GetProperty("partitions")[0];
        partition.GetProperty("records").GetInt64().Should().Be(2000);
        partition.GetProperty("firstOffset").GetInt64().Should().Be(-1, "acks=0 gets no offsets back");

        var consumed = (await _cli.RunAsync(["consume", topic, "--from-beginning", "-n", "4000"], null, terminal: true)).Succeeded();
        consumed.Stdout.Should().Contain("record number 1999");
    }

    [Fact]
    public async Task Bad_input_and_missing_topics_have_their_exit_codes()
    {
        var topic = await CreateAsync(partitions: 1);
        var bad = (await _cli.RunAsync(["produce", topic, "--format", "json"], """{"value":"ok"}""" + "\nnot json\n")).ExitedWith(ExitCodes.Usage);
        bad.Stderr.Should().Contain("line 2: not JSON").And.Contain("the 1 line(s) before it were produced");
        (await _cli.RunAsync(["produce", topic, "--key-separator", "="], "no separator here")).ExitedWith(ExitCodes.Usage).Stderr.Should().Contain("line 1");
        (await _cli.RunAsync("produce", topic, "--file", "/nonexistent/records.txt")).ExitedWith(ExitCodes.Usage);
        (await _cli.RunAsync("produce", topic, "--compression", "brotli")).ExitedWith(ExitCodes.Usage);
        (await _cli.RunAsync(["produce", topic, "--partition", "5"], "x")).ExitedWith(ExitCodes.NotFound);

        (await _cli.RunAsync("consume", Names.Unique("nope"), "-n", "1")).ExitedWith(ExitCodes.NotFound).Stderr.Should().Contain("UNKNOWN_TOPIC_OR_PARTITION");
        (await _cli.RunAsync("consume", topic, "--partition", "3", "-n", "1")).ExitedWith(ExitCodes.NotFound);
        (await _cli.RunAsync("consume", topic, "--group", "g", "--offset", "3")).ExitedWith(ExitCodes.Usage).Stderr.Should().Contain("reset-offsets");
        (await _cli.RunAsync("consume", topic, "--from-beginning", "--offset", "3")).ExitedWith(ExitCodes.Usage);

        // The broker creates topics on first use (auto.create.topics.enable defaults to true), as with kafka-console-producer.sh.
        var created = Names.Unique("auto");
        (await _cli.RunAsync(["produce", created], "hello")).Succeeded();
        (await _cli.RunAsync("consume", created, "--from-beginning", "-n", "1")).Succeeded().Lines.Should().Equal("hello");
    }

    private async Task<string> CreateAsync(int partitions)
    {
        var topic = Names.Unique("pc");
        (await _cli.RunAsync("topics", "create", topic, "--partitions", partitions.ToString())).Succeeded();
        return topic;
    }

    private async Task<long> LagAsync(string group)
    {
        var result = await _cli.RunAsync("groups", "describe", group, "-o", "json");
        return result.ExitCode == 0 ? result.Json()[0].GetProperty("totalLag").GetInt64() : -1;
    }
}
