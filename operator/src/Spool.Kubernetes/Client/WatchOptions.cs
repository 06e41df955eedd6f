namespace Spool.Kubernetes.Client;

/// <summary>Query parameters of a watch call.</summary>
public sealed record WatchOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Start after this version (normally the list's metadata.resourceVersion); a compacted one yields 410.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Ask for BOOKMARK events that advance the resourceVersion without an object change.</summary>
    public bool AllowWatchBookmarks { get; init; } = true;

    /// <summary>The server ends the watch after this long; the informer then re-watches from its last version.</summary>
    public int? TimeoutSeconds { get; init; }
}
