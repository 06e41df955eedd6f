namespace Spool.Client.Admin;

/// <summary>Where a config value comes from (wire values of DescribeConfigs v1+).</summary>
public enum ConfigSource : sbyte
{
    Unknown = 0,
    DynamicTopicConfig = 1,
    DynamicBrokerConfig = 2,
    DynamicDefaultBrokerConfig = 3,
    StaticBrokerConfig = 4,
    DefaultConfig = 5,
    DynamicBrokerLoggerConfig = 6,
    ClientMetricsConfig = 7,
    GroupConfig = 8,
}
