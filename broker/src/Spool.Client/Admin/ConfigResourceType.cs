namespace Spool.Client.Admin;

/// <summary>The kind of resource a config belongs to (wire values).</summary>
public enum ConfigResourceType : sbyte
{
    Unknown = 0,
    Topic = 2,
    Broker = 4,
    BrokerLogger = 8,
}
