namespace Spool.Storage;

/// <summary>
/// A broker-level property that supplies a topic config's default (for example <c>log.retention.hours</c> for
/// <c>retention.ms</c>). <paramref name="Multiplier"/> converts the broker unit to the topic unit (hours to ms);
/// <paramref name="DefaultValue"/> is the broker property's own Kafka default, if it has one.
/// </summary>
public sealed record BrokerSynonym(string Name, long Multiplier = 1, string? DefaultValue = null);
