using Spool.Client.Admin;
using Spool.Client.Producer;
using Spool.Operator.Builders;

namespace Spool.E2E.Tests.Harness;

/// <summary>The tests' own Kafka clients, dialling the brokers' advertised pod DNS names through the emulator's endpoints.</summary>
public sealed partial class SpoolEnvironment
{
    public ClusterNames Names(string cluster) => new(cluster, Namespace);

    /// <summary>What cluster DNS would do: a pod or Service name to the loopback port of the pod behind it.</summary>
    public (string Host, int Port) Resolve(string host, int port) =>
        Api.Endpoints.Resolve(host, port) is { } endpoint ? (endpoint.Address.ToString(), endpoint.Port) : (host, port);

    public KafkaAdminClient Admin(string cluster) => new(new AdminClientOptions
    {
        BootstrapServers = Names(cluster).BrokerServers(1),
        AddressMapper = Resolve,
        ClientId = "e2e-admin",
        DefaultApiTimeout = TimeSpan.FromSeconds(20),
    });

    public async Task ProduceAsync(string cluster, string topic, int count, string prefix = "record")
    {
        await using var producer = new KafkaProducer(new ProducerOptions
        {
            BootstrapServers = Names(cluster).BrokerServers(1),
            AddressMapper = Resolve,
            ClientId = "e2e-producer",
            AllowAutoCreateTopics = false,
        });
        for (var i = 0; i < count; i++)
        {
            await producer.ProduceAsync(ProducerRecord.Utf8(topic, $"key-{i % 7}", $"{prefix}-{i}"));
        }

        await producer.FlushAsync();
    }
}
