using System.Globalization;
using System.Text.Json;

namespace Spool.Broker.Tests.Producers;

/// <summary>
/// Issue 3 scenarios 7 and 6 (producer state) with librdkafka's idempotent producer. A proxy between client and
/// broker loses Produce responses after the broker appended the batch, so the client retries batches the broker
/// already has: only the broker's duplicate detection keeps them out of the log.
/// </summary>
public sealed class IdempotentProducerTests
{
    [Fact]
    public async Task A_retried_batch_whose_response_was_lost_is_not_appended_twice()
    {
        await using var broker = await ProxiedBroker.StartAsync();
        await CreateTopicAsync(broker, "idempotent-retry");
        broker.Proxy.DropNextProduceResponses(3);

        var result = await ClientScript.RunAsync(
            "produce", "--bootstrap", broker.BootstrapServers, "--topic", "idempotent-retry", "--count", "300", "--batch", "50", "--prefix", "r");
        AssertPhaseSucceeded(result, 300);
        broker.Proxy.DroppedProduceResponses.Should().Be(3, "the client had to retry after lost responses");

        await AssertExactlyOnceAsync(broker, "idempotent-retry", "r", 300);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Producer_state_survives_a_broker_restart_between_a_lost_response_and_its_retry(bool kill)
    {
        // Small segments: the log rolls (snapshotting producer state) while the producer writes.
        await using var broker = await ProxiedBroker.StartAsync(new Dictionary<string, string> { ["log.segment.bytes"] = "8192" });
        var topic = kill ? "idempotent-kill" : "idempotent-restart";
        await CreateTopicAsync(broker, topic);

        await using var producer = ClientScript.Start(
            "produce", "--bootstrap", broker.BootstrapServers, "--topic", topic, "--count", "200", "--batch", "40", "--phases", "2", "--prefix", "s");
        AssertPhaseSucceeded(await producer.ReadAsync(), 200);

        // The first batch of the second phase is appended but its response lost; new connections are held until
        // the broker is back, so the client's retry meets the restarted broker.
        broker.Proxy.DropNextProduceResponses(1, holdAfterDrop: true);
        await producer.ContinueAsync();
        (await Spool.Testing.Eventually.TrueAsync(() => broker.Proxy.DroppedProduceResponses == 1, TimeSpan.FromMinutes(1)))
            .Should().BeTrue(producer.Stderr);
        await broker.RestartAsync(kill);
        broker.Proxy.Release();

        AssertPhaseSucceeded(await producer.ReadAsync(), 200);
        (await producer.WaitAsync()).Should().Be(0, producer.Stderr);
        await AssertExactlyOnceAsync(broker, topic, "s", 400);
    }

    private static async Task CreateTopicAsync(ProxiedBroker broker, string topic) =>
        await ClientScript.RunAsync("create-topic", "--bootstrap", broker.BootstrapServers, "--topic", topic);

    private static void AssertPhaseSucceeded(JsonElement phase, int delivered)
    {
        phase.GetProperty("failed").GetArrayLength().Should().Be(0, phase.ToString());
        phase.GetProperty("fatal").GetArrayLength().Should().Be(0, "an OUT_OF_ORDER_SEQUENCE_NUMBER is fatal to an idempotent producer: {0}", phase);
        phase.GetProperty("remaining").GetInt32().Should().Be(0);
        phase.GetProperty("delivered").GetInt32().Should().Be(delivered);
    }

    /// <summary>Reads the topic back: every value prefix-0 .. prefix-(count-1) exactly once, in produce order.</summary>
    private static async Task AssertExactlyOnceAsync(ProxiedBroker broker, string topic, string prefix, int count)
    {
        var consumed = await ClientScript.RunAsync("consume", "--bootstrap", broker.BootstrapServers, "--topic", topic);
        consumed.GetProperty("complete").GetBoolean().Should().BeTrue();
        var records = consumed.GetProperty("records").EnumerateArray().Select(r => (Offset: r[1].GetInt64(), Value: r[3].GetString())).ToList();
        records.Select(r => r.Value).Should().Equal(Enumerable.Range(0, count).Select(i => $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}"));
        records.Select(r => r.Offset).Should().Equal(Enumerable.Range(0, count).Select(i => (long)i), "no offset was spent on a duplicate");
    }
}
