namespace Spool.Broker.Metadata;

/// <summary>Validates topic config overrides (names, types, ranges) before they are committed.</summary>
public interface ITopicConfigPolicy
{
    /// <summary>Null when valid, else the message for an INVALID_CONFIG error.</summary>
    string? Validate(string name, string? value);

    bool IsKnown(string name);
}
