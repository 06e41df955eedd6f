using Spool.Protocol.Configs;

namespace Spool.Broker.Configuration;

/// <summary>A broker configuration key: Kafka's name, type, default and documentation.</summary>
/// <param name="Name">The Kafka property name.</param>
/// <param name="Type">Value type.</param>
/// <param name="Default">Default value as text, or null when there is none.</param>
/// <param name="Documentation">What the key does, as DescribeConfigs documents it.</param>
public sealed record BrokerConfigKey(string Name, ConfigType Type, string? Default, string Documentation);
