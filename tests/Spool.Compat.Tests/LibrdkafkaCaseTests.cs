using Spool.Testing;

namespace Spool.Compat.Tests;

/// <summary>
/// Focused librdkafka cases (tests/compat/python/cases.py): acks=0/1/all, LogAppendTime topics,
/// max.message.bytes seen by the client as MSG_SIZE_TOO_LARGE, invalid topic names, an unknown topic with
/// auto-creation off. Each case gets its own broker.
/// </summary>
public sealed class LibrdkafkaCaseTests
{
    [ClientTheory(CompatClient.ConfluentKafkaPython)]
    [InlineData("acks")]
    [InlineData("log-append-time")]
    [InlineData("too-large")]
    [InlineData("invalid-names")]
    public async Task CasePasses(string name)
    {
        await using var broker = await BrokerProcess.StartAsync();
        await RunCaseAsync(broker, name);
    }

    [ClientFact(CompatClient.ConfluentKafkaPython)]
    public async Task UnknownTopicIsRefusedWhenAutoCreationIsOff()
    {
        await using var broker = await BrokerProcess.StartAsync(new Dictionary<string, string> { ["auto.create.topics.enable"] = "false" });
        var summary = await RunCaseAsync(broker, "unknown-topic");
        summary.GetProperty("error").GetString().Should().BeOneOf("UNKNOWN_TOPIC_OR_PART", "_UNKNOWN_TOPIC");
    }

    private static Task<System.Text.Json.JsonElement> RunCaseAsync(BrokerProcess broker, string name) =>
        CompatRun.SucceedsAsync(
            broker,
            ClientRuntimes.Python,
            [Path.Combine(ClientRuntimes.CompatDirectory, "python", "cases.py"), "--bootstrap", broker.BootstrapServers, name],
            TimeSpan.FromMinutes(2));
}
