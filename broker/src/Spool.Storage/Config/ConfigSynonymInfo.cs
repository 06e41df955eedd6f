using Spool.Protocol.Configs;

namespace Spool.Storage;

/// <summary>One synonym of a described config (DescribeConfigs v1+), in precedence order.</summary>
public sealed record ConfigSynonymInfo(string Name, string? Value, ConfigSource Source);
