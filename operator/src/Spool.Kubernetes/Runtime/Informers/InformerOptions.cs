namespace Spool.Kubernetes.Runtime;

/// <summary>What an informer watches and how it recovers.</summary>
public sealed record InformerOptions
{
    /// <summary>Namespaces to watch, one list/watch each; empty watches all namespaces (or a cluster-scoped type).</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Every period each cached object is delivered again as an update (level-triggered safety net); zero disables.</summary>
    public TimeSpan ResyncPeriod { get; init; }

    /// <summary>Page size of the (re-)list.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Server-side watch timeout; null picks 5 to 10 minutes at random like client-go, to spread reconnects.</summary>
    public TimeSpan? WatchTimeout { get; init; }

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
