namespace Spool.Broker.Configuration;

/// <summary>A configured value and where it came from.</summary>
public sealed record ConfigValue(string Value, ConfigOrigin Source);
