using Spool.Protocol.Configs;

namespace Spool.Storage;

/// <summary>A topic config as DescribeConfigs reports it: effective value, where it came from, and its synonyms.</summary>
public sealed record ConfigEntryInfo(
    string Name,
    string? Value,
    ConfigSource Source,
    ConfigType Type,
    string Documentation,
    IReadOnlyList<ConfigSynonymInfo> Synonyms)
{
    public bool IsDefault => Source == ConfigSource.DefaultConfig;

    public bool ReadOnly => false;

    public bool IsSensitive => false;
}
