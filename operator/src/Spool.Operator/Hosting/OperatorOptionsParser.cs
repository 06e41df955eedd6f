using System.Globalization;
using Spool.Operator.Reconcilers;

namespace Spool.Operator.Hosting;

/// <summary>
/// Parses <c>spool-operator [--flag value | --flag=value]...</c>; a flag not given falls back to the environment
/// variable SPOOL_OPERATOR_&lt;FLAG&gt; (dashes as underscores), then to its default.
/// </summary>
public static class OperatorOptionsParser
{
    /// <summary>Every flag with its help text, also printed by --help.</summary>
    public static IReadOnlyList<(string Flag, string Help)> Flags { get; } =
    [
        ("kubeconfig", "kubeconfig path (default: in-cluster service account, else $KUBECONFIG or ~/.kube/config)"),
        ("context", "kubeconfig context (default: current-context)"),
        ("watch-namespaces", "comma-separated namespaces to watch (default: all)"),
        ("leader-elect", "true|false: elect a leader through a coordination.k8s.io Lease (default true)"),
        ("leader-election-namespace", "namespace of the Lease (default: the pod's or the context's namespace)"),
        ("leader-election-name", "name of the Lease (default spool-operator)"),
        ("leader-election-id", "this replica's identity (default: $POD_NAME, else host name plus a random suffix)"),
        ("lease-duration", "how long a standby waits for a silent leader before taking over (default 15s)"),
        ("renew-deadline", "how long the leader retries renewing before it steps down (default 10s)"),
        ("retry-period", "interval between lease attempts (default 2s)"),
        ("http-address", "address of the /metrics, /healthz, /readyz listener (default 0.0.0.0)"),
        ("http-port", "port of that listener; 0 picks a free port (default 8080)"),
        ("max-concurrent-reconciles", "workers per controller (default 2)"),
        ("resync-period", "how often converged resources are checked again: cluster health, topic drift, group lag (default 30s)"),
        ("progress-interval", "how often resources still converging are looked at (default 3s)"),
        ("broker-image", $"broker image of Clusters that set none (default {OperatorSettings.DefaultBrokerImage})"),
        ("cluster-domain", "the Kubernetes cluster's DNS domain (default cluster.local)"),
        ("kafka-address-map", "out of cluster: advertised-host:port=host:port,... used only by the operator's Kafka clients"),
        ("kafka-resolver-url", "out of cluster: HTTP endpoint resolving advertised listeners, GET ?host=&port= -> {\"host\",\"port\"}"),
        ("kafka-resolver-token-file", "file with a bearer token for --kafka-resolver-url"),
        ("record-calls", "append every distinct Kubernetes permission used to this file (JSON lines), for RBAC tests"),
        ("log-level", "Trace, Debug, Information, Warning or Error (default Information)"),
    ];

    public static OperatorOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = eq > 0 ? (arg[2..eq], arg[(eq + 1)..]) : (arg[2..], i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value."));
            if (!Flags.Any(f => f.Flag == name))
            {
                throw new ArgumentException($"Unknown flag --{name} (see --help).");
            }

            given[name] = value;
        }

        string? Get(string flag) =>
            given.TryGetValue(flag, out var value) ? value : environment("SPOOL_OPERATOR_" + flag.Replace('-', '_').ToUpperInvariant()) is { Length: > 0 } env ? env : null;

        var defaults = new OperatorOptions();
        var settings = new OperatorSettings();
        return new OperatorOptions
        {
            Kubeconfig = Get("kubeconfig"),
            KubeContext = Get("context"),
            WatchNamespaces = Get("watch-namespaces")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            LeaderElect = Get("leader-elect") is { } elect ? bool.Parse(elect) : defaults.LeaderElect,
            LeaseNamespace = Get("leader-election-namespace"),
            LeaseName = Get("leader-election-name") ?? defaults.LeaseName,
            Identity = Get("leader-election-id"),
            LeaseDuration = Duration(Get("lease-duration"), defaults.LeaseDuration),
            RenewDeadline = Duration(Get("renew-deadline"), defaults.RenewDeadline),
            RetryPeriod = Duration(Get("retry-period"), defaults.RetryPeriod),
            HttpAddress = Get("http-address") ?? defaults.HttpAddress,
            HttpPort = Get("http-port") is { } port ? int.Parse(port, CultureInfo.InvariantCulture) : defaults.HttpPort,
            MaxConcurrentReconciles = Get("max-concurrent-reconciles") is { } workers ? int.Parse(workers, CultureInfo.InvariantCulture) : defaults.MaxConcurrentReconciles,
            LogLevel = Get("log-level") ?? defaults.LogLevel,
            KafkaAddressMap = Get("kafka-address-map"),
            KafkaResolverUrl = Get("kafka-resolver-url") is { } url ? new Uri(url, UriKind.Absolute) : null,
            KafkaResolverTokenFile = Get("kafka-resolver-token-file"),
            RecordCallsFile = Get("record-calls"),
            Settings = settings with
            {
                BrokerImage = Get("broker-image") ?? settings.BrokerImage,
                ClusterDomain = Get("cluster-domain") ?? settings.ClusterDomain,
                ResyncPeriod = Duration(Get("resync-period"), settings.ResyncPeriod),
                ProgressInterval = Duration(Get("progress-interval"), settings.ProgressInterval),
            },
        };
    }

    private static TimeSpan Duration(string? text, TimeSpan fallback) => text is null ? fallback : DurationParser.Parse(text);
}
