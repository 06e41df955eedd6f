namespace Spool.Broker.Handlers;

/// <summary>Resource types of the config APIs (wire values).</summary>
public enum ConfigResourceType : sbyte
{
    Unknown = 0,
    Topic = 2,
    Broker = 4,
    BrokerLogger = 8,
    ClientMetrics = 16,
    Group = 32,
}
