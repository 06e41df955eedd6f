namespace Spool.Broker.Metadata;

/// <summary>A resolved config change: set Name to Value, or remove the override when Value is null.</summary>
public sealed record ConfigChange(string Name, string? Value);
