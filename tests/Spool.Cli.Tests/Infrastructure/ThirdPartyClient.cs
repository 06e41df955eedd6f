namespace Spool.Cli.Tests.Infrastructure;

/// <summary>The real Kafka clients the scenarios drive.</summary>
public enum ThirdPartyClient
{
    /// <summary>confluent-kafka for Python, over librdkafka.</summary>
    ConfluentKafka = 0,

    /// <summary>kafkajs, pure JavaScript.</summary>
    Kafkajs = 1,
}
