using System.Collections.Frozen;
using Spool.Client;
using Spool.Client.Admin;
using Spool.Client.Consumer;
using Spool.Client.Producer;
using static Spool.Cli.Infrastructure.PropertyValues;

namespace Spool.Cli.Infrastructure;

/// <summary>
/// The Java client properties <c>--command-config</c> and <c>--property</c> understand, each applied to the
/// client kinds it exists for. A file shared by several tools may hold producer keys while spool runs a
/// consumer: such keys are skipped, as the Java clients do.
/// </summary>
internal static class ClientPropertySetters
{
    private static readonly FrozenDictionary<string, Action<ClientOptions, string, string>> Setters = Build();

    public static bool IsKnown(string key) => Setters.ContainsKey(key);

    public static void Apply(ClientOptions options, string key, string value)
    {
        if (Setters.TryGetValue(key, out var set))
        {
            set(options, key, value);
        }
    }

    private static FrozenDictionary<string, Action<ClientOptions, string, string>> Build()
    {
        var map = new Dictionary<string, Action<ClientOptions, string, string>>(StringComparer.Ordinal);

        void All(string key, Action<ClientOptions, string> set) => map[key] = (o, k, v) => set(o, v);

        void For<T>(string key, Action<T, string> set)
            where T : ClientOptions
        {
            var previous = map.GetValueOrDefault(key);
            map[key] = (o, k, v) =>
            {
                previous?.Invoke(o, k, v);
                if (o is T typed)
                {
                    set(typed, v);
                }
            };
        }

        All("bootstrap.servers", (o, v) => o.BootstrapServers = v);
        All("client.id", (o, v) => o.ClientId = v);
        All("request.timeout.ms", (o, v) => o.RequestTimeout = Milliseconds("request.timeout.ms", v));
        All("socket.connection.setup.timeout.ms", (o, v) => o.SocketConnectionSetupTimeout = Milliseconds("socket.connection.setup.timeout.ms", v));
        All("reconnect.backoff.ms", (o, v) => o.ReconnectBackoff = Milliseconds("reconnect.backoff.ms", v));
        All("reconnect.backoff.max.ms", (o, v) => o.ReconnectBackoffMax = Milliseconds("reconnect.backoff.max.ms", v));
        All("retry.backoff.ms", (o, v) => o.RetryBackoff = Milliseconds("retry.backoff.ms", v));
        All("retry.backoff.max.ms", (o, v) => o.RetryBackoffMax = Milliseconds("retry.backoff.max.ms", v));
        All("metadata.max.age.ms", (o, v) => o.MetadataMaxAge = Milliseconds("metadata.max.age.ms", v));
        All("send.buffer.bytes", (o, v) => o.SendBufferBytes = Int("send.buffer.bytes", v));
        All("receive.buffer.bytes", (o, v) => o.ReceiveBufferBytes = Int("receive.buffer.bytes", v));

        // The client speaks PLAINTEXT only: a file asking for TLS or SASL must fail loudly, not connect in the clear.
        All("security.protocol", (_, v) =>
        {
            if (!string.Equals(v.Trim(), "PLAINTEXT", StringComparison.OrdinalIgnoreCase))
            {
                throw CliException.Usage($"client property security.protocol={v}: only PLAINTEXT is supported");
            }
        });

        For<AdminClientOptions>("default.api.timeout.ms", (o, v) => o.DefaultApiTimeout = Milliseconds("default.api.timeout.ms", v));
        For<ConsumerOptions>("default.api.timeout.ms", (o, v) => o.DefaultApiTimeout = Milliseconds("default.api.timeout.ms", v));

        For<ProducerOptions>("acks", (o, v) => o.Acks = Acks("acks", v));
        For<ProducerOptions>("batch.size", (o, v) => o.BatchSize = Int("batch.size", v));
        For<ProducerOptions>("linger.ms", (o, v) => o.Linger = Milliseconds("linger.ms", v));
        For<ProducerOptions>("max.in.flight.requests.per.connection", (o, v) => o.MaxInFlightRequestsPerConnection = Int("max.in.flight.requests.per.connection", v));
        For<ProducerOptions>("compression.type", (o, v) => o.CompressionType = Compression("compression.type", v));
        For<ProducerOptions>("retries", (o, v) => o.Retries = Int("retries", v));
        For<ProducerOptions>("delivery.timeout.ms", (o, v) => o.DeliveryTimeout = Milliseconds("delivery.timeout.ms", v));
        For<ProducerOptions>("max.request.size", (o, v) => o.MaxRequestSize = Int("max.request.size", v));
        For<ProducerOptions>("buffer.memory", (o, v) => o.BufferMemory = Long("buffer.memory", v));
        For<ProducerOptions>("max.block.ms", (o, v) => o.MaxBlock = Milliseconds("max.block.ms", v));
        For<ProducerOptions>("enable.idempotence", (o, v) => o.EnableIdempotence = Bool("enable.idempotence", v));
        For<ProducerOptions>("allow.auto.create.topics", (o, v) => o.AllowAutoCreateTopics = Bool("allow.auto.create.topics", v));

        For<ConsumerOptions>("group.id", (o, v) => o.GroupId = v);
        For<ConsumerOptions>("group.instance.id", (o, v) => o.GroupInstanceId = v);
        For<ConsumerOptions>("session.timeout.ms", (o, v) => o.SessionTimeout = Milliseconds("session.timeout.ms", v));
        For<ConsumerOptions>("heartbeat.interval.ms", (o, v) => o.HeartbeatInterval = Milliseconds("heartbeat.interval.ms", v));
        For<ConsumerOptions>("max.poll.interval.ms", (o, v) => o.MaxPollInterval = Milliseconds("max.poll.interval.ms", v));
        For<ConsumerOptions>("partition.assignment.strategy", (o, v) => o.PartitionAssignmentStrategy = Assignors("partition.assignment.strategy", v));
        For<ConsumerOptions>("auto.offset.reset", (o, v) => o.AutoOffsetReset = OffsetReset("auto.offset.reset", v));
        For<ConsumerOptions>("enable.auto.commit", (o, v) => o.EnableAutoCommit = Bool("enable.auto.commit", v));
        For<ConsumerOptions>("auto.commit.interval.ms", (o, v) => o.AutoCommitInterval = Milliseconds("auto.commit.interval.ms", v));
        For<ConsumerOptions>("fetch.min.bytes", (o, v) => o.FetchMinBytes = Int("fetch.min.bytes", v));
        For<ConsumerOptions>("fetch.max.wait.ms", (o, v) => o.FetchMaxWait = Milliseconds("fetch.max.wait.ms", v));
        For<ConsumerOptions>("max.partition.fetch.bytes", (o, v) => o.MaxPartitionFetchBytes = Int("max.partition.fetch.bytes", v));
        For<ConsumerOptions>("fetch.max.bytes", (o, v) => o.FetchMaxBytes = Int("fetch.max.bytes", v));
        For<ConsumerOptions>("max.poll.records", (o, v) => o.MaxPollRecords = Int("max.poll.records", v));
        For<ConsumerOptions>("isolation.level", (o, v) => o.IsolationLevel = Isolation("isolation.level", v));
        For<ConsumerOptions>("check.crcs", (o, v) => o.CheckCrcs = Bool("check.crcs", v));
        For<ConsumerOptions>("client.rack", (o, v) => o.ClientRack = v);
        For<ConsumerOptions>("allow.auto.create.topics", (o, v) => o.AllowAutoCreateTopics = Bool("allow.auto.create.topics", v));

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
