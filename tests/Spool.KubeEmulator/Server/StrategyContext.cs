namespace Spool.KubeEmulator.Server;

/// <summary>What a kind strategy may consult while preparing or validating a write.</summary>
public sealed class StrategyContext
{
    public required ResourceService Service { get; init; }

    public required WriteOptions Options { get; init; }

    public required string Version { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>The subresource written (status, finalize) or null for the main resource.</summary>
    public string? Subresource { get; init; }
}
