using Spool.Testing;

namespace Spool.Broker.Tests.Groups;

/// <summary>Issue 3's group scenarios with real clients (confluent-kafka/librdkafka and kcat) against a broker process.</summary>
public sealed class ClientGroupTests : IAsyncLifetime
{
    private BrokerProcess _broker = null!;

    public async Task InitializeAsync() => _broker = await BrokerProcess.StartAsync(GroupScenarioRunner.BrokerOverrides);

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Two_groups_on_one_topic_each_receive_every_record()
    {
        var result = await GroupScenarioRunner.RunAsync("two-groups", _broker.BootstrapServers, "--records", "500");
        result.GetProperty("ok").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Four_consumers_split_eight_partitions_and_rebalance_when_one_leaves()
    {
        var result = await GroupScenarioRunner.RunAsync("split-and-leave", _broker.BootstrapServers, "--records", "400");
        var before = result.GetProperty("before").EnumerateObject().SelectMany(m => m.Value.EnumerateArray().Select(p => p.GetInt32())).ToList();
        var after = result.GetProperty("after").EnumerateObject().SelectMany(m => m.Value.EnumerateArray().Select(p => p.GetInt32())).ToList();
        before.Should().BeEquivalentTo(Enumerable.Range(0, 8));
        after.Should().BeEquivalentTo(Enumerable.Range(0, 8));
        result.GetProperty("after").EnumerateObject().Should().HaveCount(3);
    }

    [Fact]
    public async Task A_killed_consumer_is_replaced_from_its_committed_offset()
    {
        var result = await GroupScenarioRunner.RunAsync("killed-mid-batch", _broker.BootstrapServers, "--records", "200");
        result.GetProperty("resumed_at").GetInt32().Should().Be(100);
    }

    [Fact]
    public async Task The_group_leader_rebalances_when_its_topic_gains_partitions()
    {
        var result = await GroupScenarioRunner.RunAsync("partition-growth", _broker.BootstrapServers);
        result.GetProperty("after").EnumerateObject().SelectMany(m => m.Value.EnumerateArray().Select(p => p.GetInt32()))
            .Should().BeEquivalentTo(Enumerable.Range(0, 4));
    }

    [Fact]
    public async Task Kcat_balanced_consumers_in_two_groups_each_read_the_whole_topic()
    {
        var topic = "kcat-groups";
        var values = Enumerable.Range(0, 300).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var produced = await GroupScenarioRunner.ExecAsync("kcat", ["-b", _broker.BootstrapServers, "-P", "-t", topic], TimeSpan.FromMinutes(1), string.Join('\n', values) + "\n");
        produced.Exit.Should().Be(0, produced.Stderr);

        var groups = new[] { "kcat-a", "kcat-b" }.Select(group => GroupScenarioRunner.ExecAsync(
            "kcat",
            ["-b", _broker.BootstrapServers, "-G", group, "-X", "auto.offset.reset=earliest", "-X", "session.timeout.ms=3000", "-e", "-q", "-f", "%s\n", topic],
            TimeSpan.FromMinutes(1))).ToList();
        foreach (var run in await Task.WhenAll(groups))
        {
            run.Exit.Should().Be(0, run.Stderr);
            run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo(values);
        }

        // Both groups committed their position on the way out: a second run of either reads nothing new.
        var again = await GroupScenarioRunner.ExecAsync(
            "kcat", ["-b", _broker.BootstrapServers, "-G", "kcat-a", "-X", "auto.offset.reset=earliest", "-e", "-q", "-f", "%s\n", topic], TimeSpan.FromMinutes(1));
        again.Stdout.Trim().Should().BeEmpty();

        var described = await GroupScenarioRunner.RunAsync("describe", _broker.BootstrapServers, "--group", "kcat-a");
        var group = described.GetProperty("groups").EnumerateArray().Single();
        group.GetProperty("state").GetString().Should().Be("Empty");
        group.GetProperty("protocol_type").GetString().Should().Be("consumer");
    }
}
