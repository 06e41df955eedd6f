namespace Spool.Operator.Kafka;

/// <summary>How the operator's Kafka clients connect.</summary>
public sealed record KafkaConnectionSettings
{
    /// <summary>Maps advertised host:port to the address dialled; null dials what brokers advertise (in-cluster).</summary>
    public Func<string, int, (string Host, int Port)>? AddressMapper { get; init; }

    /// <summary>Deadline of one admin operation, retries included.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string ClientId { get; init; } = "spool-operator";
}
