namespace Spool.Storage;

/// <summary>An invalid or unknown config; the message is what an INVALID_CONFIG error carries.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigException()
    {
    }
}
