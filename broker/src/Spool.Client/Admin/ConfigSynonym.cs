using Spool.Protocol.Configs;

namespace Spool.Client.Admin;

/// <summary>A value that applies to a config at a lower precedence (e.g. the broker default behind a topic override).</summary>
public sealed record ConfigSynonym(string Name, string? Value, ConfigSource Source);
