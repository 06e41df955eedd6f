namespace Spool.Protocol.Configs;

/// <summary>Where a config's effective value comes from, numbered as DescribeConfigs' ConfigSource (v1+).</summary>
public enum ConfigSource : sbyte
{
    Unknown = 0,

    /// <summary>A per-topic override (DYNAMIC_TOPIC_CONFIG).</summary>
    DynamicTopicConfig = 1,

    /// <summary>A per-broker dynamic config (DYNAMIC_BROKER_CONFIG).</summary>
    DynamicBrokerConfig = 2,

    /// <summary>A cluster-wide dynamic broker default (DYNAMIC_DEFAULT_BROKER_CONFIG).</summary>
    DynamicDefaultBrokerConfig = 3,

    /// <summary>The broker's properties file, command line or environment (STATIC_BROKER_CONFIG).</summary>
    StaticBrokerConfig = 4,

    /// <summary>Kafka's built-in default (DEFAULT_CONFIG).</summary>
    DefaultConfig = 5,

    /// <summary>A broker logger level (DYNAMIC_BROKER_LOGGER_CONFIG).</summary>
    DynamicBrokerLoggerConfig = 6,

    /// <summary>A client-metrics subscription (CLIENT_METRICS_CONFIG).</summary>
    ClientMetricsConfig = 7,

    /// <summary>A per-group config (GROUP_CONFIG).</summary>
    GroupConfig = 8,
}
