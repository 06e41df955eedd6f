using Spool.Operator.Reconcilers;

namespace Spool.Operator.Hosting;

/// <summary>The operator's command line (each flag also read from SPOOL_OPERATOR_&lt;FLAG&gt;, e.g. SPOOL_OPERATOR_WATCH_NAMESPACES).</summary>
public sealed record OperatorOptions
{
    /// <summary>Path of a kubeconfig; unset: in-cluster service account when in a pod, else KUBECONFIG or ~/.kube/config.</summary>
    public string? Kubeconfig { get; init; }

    public string? KubeContext { get; init; }

    /// <summary>Namespaces to watch; empty watches every namespace.</summary>
    public IReadOnlyList<string> WatchNamespaces { get; init; } = [];

    public bool LeaderElect { get; init; } = true;

    /// <summary>Namespace of the Lease; defaults to the pod's (or the kubeconfig context's) namespace.</summary>
    public string? LeaseNamespace { get; init; }

    public string LeaseName { get; init; } = "spool-operator";

    /// <summary>This replica's identity; defaults to POD_NAME, else the host name and a random suffix.</summary>
    public string? Identity { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Address of the /metrics, /healthz and /readyz listener.</summary>
    public string HttpAddress { get; init; } = "0.0.0.0";

    /// <summary>Port of that listener; 0 picks a free one (printed at start).</summary>
    public int HttpPort { get; init; } = 8080;

    public int MaxConcurrentReconciles { get; init; } = 2;

    public string LogLevel { get; init; } = "Information";

    /// <summary>Out of cluster: "advertised-host:port=host:port,..." for the Kafka clients only.</summary>
    public string? KafkaAddressMap { get; init; }

    /// <summary>Out of cluster: an HTTP endpoint resolving advertised listeners (GET ?host=&amp;port= → {"host","port"}).</summary>
    public Uri? KafkaResolverUrl { get; init; }

    /// <summary>File holding a bearer token for the resolver endpoint.</summary>
    public string? KafkaResolverTokenFile { get; init; }

    /// <summary>Append every distinct Kubernetes permission the operator uses to this file (JSON lines), for RBAC tests.</summary>
    public string? RecordCallsFile { get; init; }

    public OperatorSettings Settings { get; init; } = new();
}
