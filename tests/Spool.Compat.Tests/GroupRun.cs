using System.Text.Json;
using Spool.Testing;

namespace Spool.Compat.Tests;

/// <summary>
/// Runs the consumer-group scenarios of tests/compat (js/groups.js for kafkajs and @platformatic/kafka,
/// python/groups.py for confluent-kafka) against a broker of their own, tuned so that groups settle fast.
/// </summary>
public static class GroupRun
{
    /// <summary>
    /// A short initial rebalance delay, short sessions allowed (the scripts use 3 s) and a cleaner that looks for
    /// work every 100 ms (the compaction scenario waits for it).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> BrokerOverrides = new Dictionary<string, string>
    {
        ["group.initial.rebalance.delay.ms"] = "200",
        ["group.min.session.timeout.ms"] = "1000",
        ["log.cleaner.backoff.ms"] = "100",
    };

    /// <summary>
    /// Longer than BrokerProcess's default (30 s), so that a clean stop stays clean: a broker with connected
    /// clients exits only after its host's 30 s shutdown timeout (see docs/compatibility.md).
    /// </summary>
    private static readonly TimeSpan CleanStopTimeout = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> ScenarioAsync(CompatClient client, string scenario)
    {
        await using var broker = await BrokerProcess.StartAsync(BrokerOverrides);
        return await CompatRun.SucceedsAsync(broker, Runtime(client), Arguments(client, scenario, broker));
    }

    /// <summary>
    /// The restart scenario: the script prints {"event":"restart"} once its group and idempotent producer are busy;
    /// the broker is then stopped (SIGTERM) or killed (SIGKILL), started again on the same data and ports, and the
    /// script told so on its stdin.
    /// </summary>
    public static async Task<JsonElement> RestartAsync(CompatClient client, bool clean)
    {
        await using var broker = await BrokerProcess.StartAsync(BrokerOverrides);
        var restarts = 0;
        var summary = await CompatRun.SucceedsAsync(
            broker,
            Runtime(client),
            Arguments(client, "restart", broker),
            TimeSpan.FromMinutes(4),
            async line =>
            {
                if (!AsksForRestart(line))
                {
                    return null;
                }

                if (clean)
                {
                    await broker.StopAsync(CleanStopTimeout);
                }

                await broker.RestartAsync(clean);
                restarts++;
                return "restarted";
            });
        restarts.Should().Be(1, "the script asks for exactly one restart");
        return summary;
    }

    private static bool AsksForRestart(string line)
    {
        if (!line.StartsWith('{'))
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.TryGetProperty("event", out var e) && e.ValueEquals("restart");
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Runtime(CompatClient client) => client switch
    {
        CompatClient.Kafkajs => ClientRuntimes.Node!,
        CompatClient.PlatformaticKafka => ClientRuntimes.Node22!,
        CompatClient.ConfluentKafkaPython => ClientRuntimes.Python,
        _ => throw new ArgumentOutOfRangeException(nameof(client), client, "no group scenarios for this client"),
    };

    private static string[] Arguments(CompatClient client, string scenario, BrokerProcess broker) => client switch
    {
        CompatClient.Kafkajs => [Script("js", "groups.js"), scenario, "--client", "kafkajs", "--bootstrap", broker.BootstrapServers],
        CompatClient.PlatformaticKafka => [Script("js", "groups.js"), scenario, "--client", "platformatic", "--bootstrap", broker.BootstrapServers],
        _ => [Script("python", "groups.py"), scenario, "--bootstrap", broker.BootstrapServers],
    };

    private static string Script(string folder, string name) => Path.Combine(ClientRuntimes.CompatDirectory, folder, name);
}
