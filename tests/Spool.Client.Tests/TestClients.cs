using Spool.Client.Admin;
using Spool.Client.Consumer;
using Spool.Client.Producer;
using Spool.Client.Tests.Fakes;

namespace Spool.Client.Tests;

/// <summary>Clients wired to a fake cluster with short timeouts, so failing tests fail fast.</summary>
internal static class TestClients
{
    public static KafkaProducer Producer(FakeCluster cluster, Action<ProducerOptions>? configure = null)
    {
        var options = Fast(cluster, new ProducerOptions
        {
            Linger = TimeSpan.FromMilliseconds(1),
            DeliveryTimeout = TimeSpan.FromSeconds(20),
            MaxBlock = TimeSpan.FromSeconds(10),
        });
        configure?.Invoke(options);
        return new KafkaProducer(options);
    }

    public static KafkaConsumer Consumer(FakeCluster cluster, Action<ConsumerOptions>? configure = null)
    {
        var options = Fast(cluster, new ConsumerOptions
        {
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchMaxWait = TimeSpan.FromMilliseconds(100),
            DefaultApiTimeout = TimeSpan.FromSeconds(10),
        });
        configure?.Invoke(options);
        return new KafkaConsumer(options);
    }

    public static KafkaAdminClient Admin(FakeCluster cluster, Action<AdminClientOptions>? configure = null)
    {
        var options = Fast(cluster, new AdminClientOptions { DefaultApiTimeout = TimeSpan.FromSeconds(10) });
        configure?.Invoke(options);
        return new KafkaAdminClient(options);
    }

    /// <summary>The fake cluster's address and the short backoffs and timeouts every test client shares.</summary>
    private static T Fast<T>(FakeCluster cluster, T options)
        where T : ClientOptions
    {
        options.BootstrapServers = cluster.BootstrapServers;
        options.RetryBackoff = TimeSpan.FromMilliseconds(10);
        options.RetryBackoffMax = TimeSpan.FromMilliseconds(50);
        options.ReconnectBackoff = TimeSpan.FromMilliseconds(10);
        options.RequestTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    /// <summary>Polls until <paramref name="count"/> records arrived (or a generous bound passed).</summary>
    public static async Task<List<ConsumerRecord>> PollUntilAsync(KafkaConsumer consumer, int count)
    {
        var records = new List<ConsumerRecord>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (records.Count < count && DateTime.UtcNow < deadline)
        {
            records.AddRange(await consumer.PollAsync(TimeSpan.FromMilliseconds(200)));
        }

        return records;
    }
}
