using System.Globalization;
using Spool.Testing;

namespace Spool.Broker.Tests.Producers;

/// <summary>Issue 3 scenario 8: a compacted topic keeps the latest value per key, readable by kcat and confluent-kafka.</summary>
public sealed class CompactedTopicTests
{
    [Fact]
    public async Task A_compacted_topic_keeps_the_latest_value_of_each_key_for_every_client()
    {
        await using var broker = await BrokerProcess.StartAsync(new Dictionary<string, string> { ["log.cleaner.backoff.ms"] = "200" });
        const string Topic = "compacted";
        await ClientScript.RunAsync(
            "create-topic", "--bootstrap", broker.BootstrapServers, "--topic", Topic,
            "--config", "cleanup.policy=compact", "--config", "segment.bytes=1024", "--config", "segment.ms=100", "--config", "min.cleanable.dirty.ratio=0.01");

        // The first producer's last batch (k7) is superseded by a second producer: compaction keeps it as an empty
        // batch (the first producer's sequence), which the consumers must step over.
        var records = new List<string> { "gone=here", "gone=<null>" };
        for (var round = 0; round < 10; round++)
        {
            records.AddRange(Enumerable.Range(0, 8).Select(k => $"k{k}=r{round}-k{k}"));
        }

        var produced = await ClientScript.RunAsync(["produce-keyed", "--bootstrap", broker.BootstrapServers, "--topic", Topic, "--flush-each", .. records.SelectMany(r => new[] { "--record", r })]);
        produced.GetProperty("failed").GetArrayLength().Should().Be(0);
        await ClientScript.RunAsync("produce-keyed", "--bootstrap", broker.BootstrapServers, "--topic", Topic, "--record", "k7=final");

        // segment.ms has passed for the active segment: the next record rolls it, so everything above is cleanable.
        await Task.Delay(300);
        await ClientScript.RunAsync("produce-keyed", "--bootstrap", broker.BootstrapServers, "--topic", Topic, "--record", "end=sentinel");

        var expected = Enumerable.Range(0, 7).Select(k => ($"k{k}", (string?)$"r9-k{k}"))
            .Prepend(("gone", null)).Append(("k7", "final")).Append(("end", "sentinel")).ToList();
        var compacted = await Eventually.TrueAsync(async () => (await ReadWithKcatAsync(broker, Topic)).Count == expected.Count, TimeSpan.FromMinutes(1));
        compacted.Should().BeTrue($"the cleaner compacts the topic:\n{broker.Output}");

        var viaKcat = await ReadWithKcatAsync(broker, Topic);
        viaKcat.Select(r => (r.Key, r.Value)).Should().Equal(expected, "compaction never reorders");
        viaKcat.Select(r => r.Offset).Should().BeInAscendingOrder();

        var viaLibrdkafka = await ClientScript.RunAsync("consume", "--bootstrap", broker.BootstrapServers, "--topic", Topic);
        var consumed = viaLibrdkafka.GetProperty("records").EnumerateArray().Select(r => (Offset: r[1].GetInt64(), Key: r[2].GetString()!, Value: r[3].GetString())).ToList();
        consumed.Should().Equal(viaKcat);
        consumed.Single(r => r.Key == "end").Offset.Should().Be(records.Count + 1, "offsets are preserved: the sentinel keeps its own");
    }

    /// <summary>The topic from the beginning to its end with kcat (a null value prints as NULL with -Z).</summary>
    private static async Task<List<(long Offset, string Key, string? Value)>> ReadWithKcatAsync(BrokerProcess broker, string topic)
    {
        var run = await ExecAsync("kcat", "-b", broker.BootstrapServers, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-Z", "-f", "%o\t%k\t%s\n");
        run.Exit.Should().Be(0, run.Stderr);
        return run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Select(f => (long.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2] == "NULL" ? null : f[2]))
            .ToList();
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> ExecAsync(string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
