using Spool.Protocol.Configs;

namespace Spool.Client.Admin;

/// <summary>One config of a resource. Sensitive values are null.</summary>
public sealed record ConfigEntry(
    string Name,
    string? Value,
    ConfigSource Source,
    bool IsReadOnly,
    bool IsSensitive,
    IReadOnlyList<ConfigSynonym> Synonyms,
    ConfigType Type = ConfigType.Unknown,
    string? Documentation = null)
{
    public bool IsDefault => Source == ConfigSource.DefaultConfig;
}
