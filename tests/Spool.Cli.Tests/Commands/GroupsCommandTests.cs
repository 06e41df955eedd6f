using System.Text.Json;
using Spool.Cli.Tests.Infrastructure;

namespace Spool.Cli.Tests.Commands;

[Collection(BrokerCollection.Name)]
public sealed class GroupsCommandTests(BrokerFixture fixture)
{
    private readonly CliRunner _cli = fixture.Cli;

    [Fact]
    public async Task Describe_shows_members_assignment_committed_and_end_offsets_and_lag()
    {
        var (topic, group) = (Names.Unique("lag"), Names.Unique("g"));
        await ProduceAsync(topic, partitions: 3, records: 30);
        (await _cli.RunAsync("consume", topic, "--group", group, "--from-beginning", "--max-messages", "10")).Succeeded().Lines.Should().HaveCount(10);

        var empty = (await _cli.RunAsync("groups", "describe", group, "-o", "json")).Succeeded().Json()[0];
        empty.GetProperty("state").GetString().Should().Be("Empty");
        empty.GetProperty("members").GetArrayLength().Should().Be(0);
        var offsets = empty.GetProperty("offsets").EnumerateArray().ToList();
        offsets.Should().OnlyContain(o => o.GetProperty("memberId").ValueKind == JsonValueKind.Null);
        offsets.Sum(o => o.GetProperty("committedOffset").GetInt64()).Should().Be(10, "the consumer commits exactly the records it printed");
        offsets.Should().OnlyContain(o => o.GetProperty("lag").GetInt64() == o.GetProperty("endOffset").GetInt64() - o.GetProperty("committedOffset").GetInt64());
        var lagOfCommitted = offsets.Sum(o => o.GetProperty("lag").GetInt64());
        empty.GetProperty("totalLag").GetInt64().Should().Be(lagOfCommitted);

        await using (await GroupMember.JoinAsync(fixture.Bootstrap, group, topic, 3))
        {
            var active = (await _cli.RunAsync("groups", "describe", "--group", group, "-o", "json")).Succeeded().Json()[0];
            active.GetProperty("state").GetString().Should().Be("Stable");
            active.GetProperty("protocolType").GetString().Should().Be("consumer");
            active.GetProperty("assignor").GetString().Should().Be("range");
            var member = active.GetProperty("members").EnumerateArray().Single();
            member.GetProperty("clientId").GetString().Should().Be(GroupMember.ClientId);
            member.GetProperty("host").GetString().Should().Contain("127.0.0.1");
            member.GetProperty("assignment").EnumerateArray().Select(p => p.GetProperty("partition").GetInt32()).Should().Equal(0, 1, 2);
            var memberId = member.GetProperty("memberId").GetString();
            active.GetProperty("offsets").EnumerateArray().Should().HaveCount(3)
                .And.OnlyContain(o => o.GetProperty("memberId").GetString() == memberId && o.GetProperty("clientId").GetString() == GroupMember.ClientId);

            var table = (await _cli.RunAsync("groups", "describe", group)).Succeeded();
            table.Lines[0].Should().MatchRegex($@"^Group: {group}  State: Stable  Assignor: range  Coordinator: 0 \(127\.0\.0\.1:\d+\)  Members: 1  Total lag: \d+$");
            table.Lines[1].Should().MatchRegex(@"^CONSUMER-ID\s+GROUP-INSTANCE-ID\s+CLIENT-ID\s+HOST\s+#PARTITIONS\s+ASSIGNMENT");
            table.Lines[2].Should().MatchRegex($@"^{memberId}\s+-\s+{GroupMember.ClientId}\s+\S*127\.0\.0\.1\s+3\s+{topic}\(0,1,2\)$");
            table.Lines[3].Should().MatchRegex(@"^TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+LOG-END-OFFSET\s+LAG\s+CONSUMER-ID\s+HOST\s+CLIENT-ID");
            table.Lines.Skip(4).Should().HaveCount(3).And.OnlyContain(l => l.StartsWith(topic, StringComparison.Ordinal) && l.Contains(memberId!, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Reset_and_delete_are_refused_while_the_group_has_active_members()
    {
        var (topic, group) = (Names.Unique("busy"), Names.Unique("g"));
        await ProduceAsync(topic, partitions: 2, records: 10);
        await using (await GroupMember.JoinAsync(fixture.Bootstrap, group, topic, 2))
        {
            var refused = (await _cli.RunAsync("groups", "reset-offsets", "--group", group, "--topic", topic, "--to-earliest", "--execute")).ExitedWith(ExitCodes.Refused);
            refused.Stderr.Should().Contain($"spool: NON_EMPTY_GROUP: Assignments can only be reset if the group '{group}' is inactive, but the current state is Stable.");

            var json = (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", topic, "--to-latest", "-o", "json")).ExitedWith(ExitCodes.Refused).ErrorJson();
            json.GetProperty("error").GetString().Should().Be("NON_EMPTY_GROUP");

            (await _cli.RunAsync("groups", "delete", group)).ExitedWith(ExitCodes.Refused).Stderr.Should().Contain("NON_EMPTY_GROUP");
        }

        (await _cli.RunAsync("groups", "reset-offsets", group, "--topic", topic, "--to-latest", "--execute")).Succeeded();
        (await _cli.RunAsync("groups", "delete", group)).Succeeded().Stdout.Should().Contain($"Deleted group {group}.");
        (await _cli.RunAsync("groups", "describe", group)).ExitedWith(ExitCodes.NotFound).Stderr.Should().Contain("GROUP_ID_NOT_FOUND");
        (await _cli.RunAsync("groups", "delete", group, "-o", "json")).ExitedWith(ExitCodes.NotFound);
    }

    [Fact]
    public async Task List_shows_groups_with_their_state_and_filters_by_state()
    {
        var (topic, group) = (Names.Unique("list"), Names.Unique("g"));
        await ProduceAsync(topic, partitions: 1, records: 1);
        (await _cli.RunAsync("consume", topic, "-g", group, "--from-beginning", "-n", "1")).Succeeded();

        var table = (await _cli.RunAsync("groups", "list")).Succeeded();
        table.Lines[0].Should().MatchRegex(@"^GROUP\s+STATE\s+PROTOCOL-TYPE\s+COORDINATOR");
        table.Lines.Should().ContainMatch($"{group} *Empty *consumer *0*");

        var empty = (await _cli.RunAsync("groups", "list", "--state", "Empty", "-o", "json")).Succeeded().Json();
        var row = empty.EnumerateArray().Single(g => g.GetProperty("groupId").GetString() == group);
        row.GetProperty("state").GetString().Should().Be("Empty");
        row.GetProperty("protocolType").GetString().Should().Be("consumer");
        row.GetProperty("coordinator").GetInt32().Should().Be(0);

        (await _cli.RunAsync("groups", "list", "--state", "Stable", "-o", "json")).Succeeded().Json()
            .EnumerateArray().Should().NotContain(g => g.GetProperty("groupId").GetString() == group);
    }

    private async Task ProduceAsync(string topic, int partitions, int records)
    {
        (await _cli.RunAsync("topics", "create", topic, "--partitions", partitions.ToString())).Succeeded();
        var lines = string.Join('\n', Enumerable.Range(0, records).Select(i => $"key-{i}:value-{i}"));
        (await _cli.RunAsync(["produce", topic, "--key-separator", ":"], lines)).Succeeded();
    }
}
