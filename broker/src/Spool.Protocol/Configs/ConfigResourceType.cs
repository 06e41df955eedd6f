namespace Spool.Protocol.Configs;

/// <summary>The kind of resource a config belongs to in the config APIs (wire values).</summary>
public enum ConfigResourceType : sbyte
{
    Unknown = 0,
    Topic = 2,
    Broker = 4,
    BrokerLogger = 8,
    ClientMetrics = 16,
    Group = 32,
}
