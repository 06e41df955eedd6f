using System.Globalization;
using System.Text.Json;
using Spool.Testing;

namespace Spool.Monitoring.Tests.Support;

/// <summary>
/// confluent-kafka (librdkafka), a real third-party client, driven through clients/kafka_client.py under Debian's
/// python3 (the pyenv python3 first on PATH cannot import confluent_kafka).
/// </summary>
public sealed class KafkaClient
{
    private const string Python = ToolPaths.DebianPython;

    private readonly string _bootstrap;

    public KafkaClient(string bootstrap) => _bootstrap = bootstrap;

    public Task<JsonElement> CreateTopicAsync(string topic, int partitions) =>
        RunAsync("create", "--topic", topic, "--partitions", Invariant(partitions));

    /// <summary>Produces <paramref name="records"/> records round-robin over the partitions, or all to <paramref name="partition"/>.</summary>
    public Task<JsonElement> ProduceAsync(string topic, int records, int? partition = null)
    {
        var arguments = new List<string> { "produce", "--topic", topic, "--records", Invariant(records) };
        if (partition is { } p)
        {
            arguments.AddRange(["--only-partition", Invariant(p)]);
        }

        return RunAsync([.. arguments]);
    }

    public Task<JsonElement> ConsumeAndCommitAsync(string topic, string group, int records) =>
        RunAsync("consume", "--topic", topic, "--group", group, "--records", Invariant(records));

    /// <summary>Per partition: the group's committed offset (OffsetFetch) and the high watermark (ListOffsets).</summary>
    public async Task<IReadOnlyList<(int Partition, long Committed, long HighWatermark)>> OffsetsAsync(string topic, string group)
    {
        var result = await RunAsync("offsets", "--topic", topic, "--group", group);
        return result.GetProperty("partitions").EnumerateArray()
            .Select(p => (p.GetProperty("partition").GetInt32(), p.GetProperty("committed").GetInt64(), p.GetProperty("high_watermark").GetInt64()))
            .ToList();
    }

    /// <summary>The timestamp (ms since the epoch) of the record at <paramref name="offset"/>.</summary>
    public async Task<long> TimestampAsync(string topic, int partition, long offset)
    {
        var result = await RunAsync("timestamp", "--topic", topic, "--partition", Invariant(partition), "--offset", Invariant(offset));
        return result.GetProperty("timestamp").GetInt64();
    }

    private async Task<JsonElement> RunAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(Python, [TestFiles.KafkaClient, .. arguments, "--bootstrap", _bootstrap], timeout: TimeSpan.FromSeconds(90));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kafka_client.py {string.Join(' ', arguments)} failed: {result}");
        }

        return JsonDocument.Parse(result.Stdout.Trim().Split('\n')[^1]).RootElement.Clone();
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
