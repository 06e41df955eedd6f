using System.Text.Json;
using Spool.Testing;

namespace Spool.Compat.Tests;

/// <summary>
/// The issue-2 scenario with each real client (tests/compat): a 6-partition topic, 10,000 keyed records with
/// headers in gzip batches (plus the other codecs the client has), everything consumed back and compared byte
/// for byte with per-key order, offsets by timestamp, 12 partitions, DeleteRecords, topic deletion. The tests
/// of this class run one after the other (one broker at a time), in parallel with the focused cases.
/// </summary>
public sealed class ClientScenarioTests
{
    [ClientFact(CompatClient.Kcat)]
    public async Task KcatScenarioPasses()
    {
        var summary = await RunAsync(ClientRuntimes.Python, Path.Combine("kcat", "scenario.py"));
        summary.GetProperty("records").GetInt32().Should().Be(13_000);
    }

    [ClientFact(CompatClient.ConfluentKafkaPython)]
    public async Task ConfluentKafkaPythonScenarioPasses()
    {
        var summary = await RunAsync(ClientRuntimes.Python, Path.Combine("python", "scenario.py"));
        summary.GetProperty("records").GetInt32().Should().Be(13_000);
        Codecs(summary).Should().Equal("gzip", "snappy", "lz4", "zstd");
    }

    [ClientFact(CompatClient.Kafkajs)]
    public async Task KafkajsScenarioPasses()
    {
        var summary = await RunAsync(ClientRuntimes.Node!, Path.Combine("js", "kafkajs.js"));
        summary.GetProperty("kafkajs").GetString().Should().Be("2.2.4");
        summary.GetProperty("records").GetInt32().Should().Be(10_000);
    }

    [ClientFact(CompatClient.PlatformaticKafka)]
    public async Task PlatformaticKafkaScenarioPasses()
    {
        var summary = await RunAsync(ClientRuntimes.Node22!, Path.Combine("js", "platformatic.js"));
        Codecs(summary).Should().Contain(["gzip", "snappy", "lz4"]);
        summary.GetProperty("records").GetInt32().Should().Be(10_000 + (1_000 * (Codecs(summary).Length - 1)));
    }

    private static async Task<JsonElement> RunAsync(string runtime, string script)
    {
        await using var broker = await BrokerProcess.StartAsync();
        return await CompatRun.SucceedsAsync(broker, runtime, [Path.Combine(ClientRuntimes.CompatDirectory, script), "--bootstrap", broker.BootstrapServers]);
    }

    private static string[] Codecs(JsonElement summary) =>
        summary.GetProperty("codecs").EnumerateArray().Select(e => e.GetString()!).ToArray();
}
