namespace Spool.Kubernetes.Client;

/// <summary>Options of create, replace, patch and apply.</summary>
public sealed record WriteOptions
{
    /// <summary>Owner of the written fields; required for apply (falls back to the client's default field manager).</summary>
    public string? FieldManager { get; init; }

    /// <summary>Apply only: take ownership of fields another manager owns instead of failing with a 409 conflict.</summary>
    public bool Force { get; init; }

    /// <summary>Validate and admit, but persist nothing (dryRun=All).</summary>
    public bool DryRun { get; init; }
}
