namespace Spool.Kubernetes.Client;

/// <summary>Query parameters of a list call.</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns a continue token when more remain.</summary>
    public int? Limit { get; init; }

    public string? Continue { get; init; }

    /// <summary>"" for a consistent (quorum) read, "0" for any cached state, or a version to read at least as new as.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>NotOlderThan or Exact (needs <see cref="ResourceVersion"/>).</summary>
    public string? ResourceVersionMatch { get; init; }

    public int? TimeoutSeconds { get; init; }
}
