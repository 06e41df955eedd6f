using Spool.Cli.Tests.Infrastructure;

namespace Spool.Cli.Tests.Commands;

[Collection(BrokerCollection.Name)]
public sealed class TopicsCommandTests(BrokerFixture fixture)
{
    private readonly CliRunner _cli = fixture.Cli;

    [Fact]
    public async Task Create_list_describe_alter_and_delete_print_tables()
    {
        var topic = Names.Unique("orders");
        (await _cli.RunAsync("topics", "create", topic, "--partitions", "3", "--config", "retention.ms=86400000")).Succeeded()
            .Stdout.Should().Contain($"Created topic {topic} with 3 partition(s), replication factor 1.");

        var list = (await _cli.RunAsync("topics", "list")).Succeeded();
        list.Lines[0].Should().MatchRegex(@"^TOPIC\s+PARTITIONS\s+REPLICATION-FACTOR\s+TOPIC-ID\s+INTERNAL");
        list.Lines.Should().ContainMatch($"{topic} *3 *1 *no");

        var describe = (await _cli.RunAsync("topics", "describe", "--topic", topic)).Succeeded();
        describe.Lines[0].Should().MatchRegex($@"^Topic: {topic}  TopicId: \S{{22}}  PartitionCount: 3  ReplicationFactor: 1  Configs: retention.ms=86400000$");
        describe.Lines[1].Should().MatchRegex(@"^PARTITION\s+LEADER\s+LEADER-EPOCH\s+REPLICAS\s+ISR\s+OFFLINE");
        describe.Lines.Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Should().BeEquivalentTo(
            new[] { new[] { "0", "0", "0", "0", "0", "-" }, ["1", "0", "0", "0", "0", "-"], ["2", "0", "0", "0", "0", "-"] });

        (await _cli.RunAsync("topics", "alter", topic, "--partitions", "5", "--config", "cleanup.policy=compact", "--delete-config", "retention.ms")).Succeeded()
            .Lines.Should().Equal(
                $"Topic {topic} now has 5 partitions.",
                $"Set cleanup.policy=compact on topic {topic}.",
                $"Removed retention.ms from topic {topic} (back to the default).");
        (await _cli.RunAsync("topics", "describe", topic)).Succeeded()
            .Lines[0].Should().EndWith("PartitionCount: 5  ReplicationFactor: 1  Configs: cleanup.policy=compact");

        (await _cli.RunAsync("topics", "delete", topic)).Succeeded().Stdout.Should().Contain($"Deleted topic {topic}.");
        (await _cli.RunAsync("topics", "list")).Succeeded().Stdout.Should().NotContain(topic);
    }

    [Fact]
    public async Task Json_output_has_stable_field_names()
    {
        var topic = Names.Unique("json");
        var created = (await _cli.RunAsync("topics", "create", topic, "-p", "2", "-c", "retention.ms=3600000", "-o", "json")).Succeeded().Json();
        created.GetProperty("name").GetString().Should().Be(topic);
        created.GetProperty("created").GetBoolean().Should().BeTrue();
        created.GetProperty("topicId").GetString().Should().HaveLength(22);
        created.GetProperty("partitions").GetInt32().Should().Be(2);
        created.GetProperty("replicationFactor").GetInt32().Should().Be(1);

        var listed = (await _cli.RunAsync("topics", "list", "--exclude-internal", "--output", "json")).Succeeded().Json();
        var row = listed.EnumerateArray().Single(t => t.GetProperty("name").GetString() == topic);
        row.GetProperty("partitions").GetInt32().Should().Be(2);
        row.GetProperty("internal").GetBoolean().Should().BeFalse();
        listed.EnumerateArray().Should().NotContain(t => t.GetProperty("internal").GetBoolean());

        var described = (await _cli.RunAsync("topics", "describe", topic, "-o", "json")).Succeeded().Json()[0];
        described.GetProperty("topicId").GetString().Should().Be(created.GetProperty("topicId").GetString());
        described.GetProperty("partitionCount").GetInt32().Should().Be(2);
        described.GetProperty("configs").GetProperty("retention.ms").GetString().Should().Be("3600000");
        var partition = described.GetProperty("partitions")[1];
        partition.GetProperty("partition").GetInt32().Should().Be(1);
        partition.GetProperty("leader").GetInt32().Should().Be(0);
        partition.GetProperty("replicas").EnumerateArray().Select(r => r.GetInt32()).Should().Equal(0);
        partition.GetProperty("isr").EnumerateArray().Select(r => r.GetInt32()).Should().Equal(0);

        var altered = (await _cli.RunAsync("topics", "alter", topic, "--delete-config", "retention.ms", "-o", "json")).Succeeded().Json();
        altered.GetProperty("partitions").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        altered.GetProperty("configsDeleted")[0].GetString().Should().Be("retention.ms");

        var deleted = (await _cli.RunAsync("topics", "delete", topic, "-o", "json")).Succeeded().Json();
        deleted[0].GetProperty("deleted").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task An_unknown_topic_exits_3_with_the_kafka_error_name()
    {
        var missing = Names.Unique("missing");
        var table = (await _cli.RunAsync("topics", "describe", missing)).ExitedWith(ExitCodes.NotFound);
        table.Stderr.Should().Contain($"spool: UNKNOWN_TOPIC_OR_PARTITION: topic '{missing}' does not exist");

        var json = (await _cli.RunAsync("topics", "delete", missing, "-o", "json")).ExitedWith(ExitCodes.NotFound).ErrorJson();
        json.GetProperty("error").GetString().Should().Be("UNKNOWN_TOPIC_OR_PARTITION");
        json.GetProperty("exitCode").GetInt32().Should().Be(ExitCodes.NotFound);

        (await _cli.RunAsync("topics", "delete", missing, "--if-exists")).Succeeded().Stdout.Should().Contain("does not exist");
        (await _cli.RunAsync("topics", "alter", missing, "--partitions", "4")).ExitedWith(ExitCodes.NotFound);
    }

    [Fact]
    public async Task Broker_refusals_exit_4_and_leave_the_topic_unchanged()
    {
        var topic = Names.Unique("refused");
        (await _cli.RunAsync("topics", "create", topic, "--config", "retention.ms=forever")).ExitedWith(ExitCodes.KafkaError)
            .Stderr.Should().StartWith("spool: INVALID_CONFIG: ").And.Contain("retention.ms");

        (await _cli.RunAsync("topics", "create", topic, "-p", "2")).Succeeded();
        (await _cli.RunAsync("topics", "create", topic)).ExitedWith(ExitCodes.KafkaError).Stderr.Should().Contain("TOPIC_ALREADY_EXISTS");
        (await _cli.RunAsync("topics", "create", topic, "--if-not-exists", "-o", "json")).Succeeded().Json().GetProperty("created").GetBoolean().Should().BeFalse();

        // A partition decrease is refused before the config change is applied.
        (await _cli.RunAsync("topics", "alter", topic, "--partitions", "1", "--config", "retention.ms=1000")).ExitedWith(ExitCodes.KafkaError)
            .Stderr.Should().Contain("INVALID_PARTITIONS");
        (await _cli.RunAsync("topics", "alter", topic, "--config", "retention.ms=soon")).ExitedWith(ExitCodes.KafkaError)
            .Stderr.Should().Contain("INVALID_CONFIG");
        var described = (await _cli.RunAsync("topics", "describe", topic, "-o", "json")).Succeeded().Json()[0];
        described.GetProperty("partitionCount").GetInt32().Should().Be(2);
        described.GetProperty("configs").EnumerateObject().Should().NotContain(c => c.Name == "retention.ms");
    }
}
