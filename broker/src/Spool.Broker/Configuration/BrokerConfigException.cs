namespace Spool.Broker.Configuration;

/// <summary>The configuration cannot start a broker; the message says which key and why.</summary>
public sealed class BrokerConfigException : Exception
{
    public BrokerConfigException(string message)
        : base(message)
    {
    }
}
