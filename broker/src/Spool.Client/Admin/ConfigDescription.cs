namespace Spool.Client.Admin;

/// <summary>The configs of one resource.</summary>
public sealed record ConfigDescription(ConfigResource Resource, IReadOnlyList<ConfigEntry> Entries, KafkaException? Error) : IAdminResult
{
    public ConfigEntry? Get(string name) => Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
}
