namespace Spool.Broker.Configuration;

/// <summary>Where a broker config value came from (DescribeConfigs maps it to STATIC_BROKER_CONFIG or DEFAULT_CONFIG).</summary>
public enum ConfigOrigin
{
    Default = 0,
    PropertiesFile = 1,
    CommandLine = 2,
    Environment = 3,
}
