using System.Collections.Frozen;
using Spool.Protocol.Configs;

namespace Spool.Storage;

/// <summary>
/// Broker-level defaults for topic configs, resolved from the broker's properties through each config's
/// synonyms (<c>log.retention.ms</c> before <c>log.retention.minutes</c> before <c>log.retention.hours</c>, as
/// Kafka does) and falling back to Kafka's defaults.
/// </summary>
public sealed class LogDefaults
{
    private readonly FrozenDictionary<string, Resolved> _values;

    private LogDefaults(FrozenDictionary<string, Resolved> values) => _values = values;

    /// <summary>Kafka's defaults with no broker properties set.</summary>
    public static LogDefaults Kafka { get; } = FromBrokerProperties(new Dictionary<string, string>());

    /// <summary>
    /// Resolves defaults from static broker properties (<see cref="ConfigSource.StaticBrokerConfig"/>) and optional
    /// cluster-wide dynamic defaults (<see cref="ConfigSource.DynamicDefaultBrokerConfig"/>, which win).
    /// Properties that are not log-related are ignored.
    /// </summary>
    /// <exception cref="ConfigException">A log-related broker property has an invalid value.</exception>
    public static LogDefaults FromBrokerProperties(
        IReadOnlyDictionary<string, string> staticProperties,
        IReadOnlyDictionary<string, string>? dynamicDefaults = null)
    {
        var values = new Dictionary<string, Resolved>(StringComparer.Ordinal);
        foreach (var definition in TopicConfigCatalog.All)
        {
            values[definition.Name] = Resolve(definition, staticProperties, dynamicDefaults);
        }

        return new LogDefaults(values.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The default value of a topic config in topic units.</summary>
    public string GetValue(string name) => _values[name].Value;

    internal Resolved Get(string name) => _values[name];

    private static Resolved Resolve(
        TopicConfigDefinition definition,
        IReadOnlyDictionary<string, string> staticProperties,
        IReadOnlyDictionary<string, string>? dynamicDefaults)
    {
        var synonyms = new List<ConfigSynonymInfo>();
        string? value = null;
        var source = ConfigSource.DefaultConfig;
        foreach (var (layer, layerSource) in new[]
        {
            (dynamicDefaults, ConfigSource.DynamicDefaultBrokerConfig),
            (staticProperties, ConfigSource.StaticBrokerConfig),
        })
        {
            if (layer is null)
            {
                continue;
            }

            foreach (var synonym in definition.Synonyms)
            {
                if (!layer.TryGetValue(synonym.Name, out var raw))
                {
                    continue;
                }

                synonyms.Add(new ConfigSynonymInfo(synonym.Name, raw, layerSource));
                if (value is null)
                {
                    value = ConvertChecked(definition, synonym, raw);
                    source = layerSource;
                }
            }
        }

        foreach (var synonym in definition.Synonyms)
        {
            if (synonym.DefaultValue is not null)
            {
                synonyms.Add(new ConfigSynonymInfo(synonym.Name, synonym.DefaultValue, ConfigSource.DefaultConfig));
            }
        }

        return new Resolved(value ?? definition.DefaultValue, source, synonyms);
    }

    private static string ConvertChecked(TopicConfigDefinition definition, BrokerSynonym synonym, string raw)
    {
        string converted;
        try
        {
            converted = TopicConfigCatalog.ConvertSynonymValue(synonym, raw);
        }
        catch (FormatException)
        {
            throw new ConfigException($"Invalid value {raw} for configuration {synonym.Name}: Not a number of type LONG");
        }
        catch (OverflowException)
        {
            throw new ConfigException($"Invalid value {raw} for configuration {synonym.Name}: Not a number of type LONG");
        }

        var error = definition.Validate(converted);
        if (error is not null)
        {
            throw new ConfigException(error.Replace($"configuration {definition.Name}", $"configuration {synonym.Name}", StringComparison.Ordinal));
        }

        return converted;
    }

    internal sealed record Resolved(string Value, ConfigSource Source, IReadOnlyList<ConfigSynonymInfo> Synonyms);
}
