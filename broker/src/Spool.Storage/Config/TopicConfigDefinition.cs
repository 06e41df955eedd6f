using System.Globalization;
using Spool.Protocol.Configs;

namespace Spool.Storage;

/// <summary>
/// One topic-level config: its Kafka name, type, default, broker-level synonyms, documentation and
/// validation. Instances live in <see cref="TopicConfigCatalog"/>.
/// </summary>
public sealed class TopicConfigDefinition
{
    private readonly ConfigValidator? _validator;

    internal TopicConfigDefinition(
        string name,
        ConfigType type,
        string defaultValue,
        string documentation,
        IReadOnlyList<BrokerSynonym> synonyms,
        ConfigValidator? validator = null)
    {
        Name = name;
        Type = type;
        DefaultValue = defaultValue;
        Documentation = documentation;
        Synonyms = synonyms;
        _validator = validator;
    }

    public string Name { get; }

    public ConfigType Type { get; }

    /// <summary>Kafka's default for the topic config, in topic units (what DescribeConfigs shows when nothing is set).</summary>
    public string DefaultValue { get; }

    public string Documentation { get; }

    /// <summary>Broker properties that supply the default, highest precedence first (Kafka's synonym order).</summary>
    public IReadOnlyList<BrokerSynonym> Synonyms { get; }

    /// <summary>The valid range or values as Kafka documents them, or null when any value of the type is valid.</summary>
    public string? ValidValues => _validator?.Describe();

    /// <summary>
    /// Validates a value for this config. Returns null when valid, else a message in Kafka's wording
    /// ("Invalid value x for configuration y: ...") for an INVALID_CONFIG error.
    /// </summary>
    public string? Validate(string? value)
    {
        if (value is null)
        {
            return $"Null value not supported for topic configs: {Name}";
        }

        var reason = Check(value.Trim());
        return reason is null ? null : $"Invalid value {value} for configuration {Name}: {reason}";
    }

    private string? Check(string value)
    {
        switch (Type)
        {
            case ConfigType.Long:
                return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? _validator?.CheckNumber(l)
                    : "Not a number of type LONG";
            case ConfigType.Int:
                return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                    ? _validator?.CheckNumber(i)
                    : "Not a number of type INT";
            case ConfigType.Double:
                return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                    ? _validator?.CheckNumber(d)
                    : "Not a number of type DOUBLE";
            case ConfigType.Boolean:
                return value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase)
                    ? null
                    : "Expected value to be either true or false";
            case ConfigType.List:
                return _validator?.CheckList(SplitList(value));
            default:
                return _validator?.CheckString(value);
        }
    }

    /// <summary>Kafka's LIST parsing: comma separated, items trimmed, an empty string is an empty list.</summary>
    internal static IReadOnlyList<string> SplitList(string value) =>
        value.Trim().Length == 0
            ? []
            : value.Split(',', StringSplitOptions.TrimEntries);
}
