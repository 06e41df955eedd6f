using System.Globalization;

namespace Spool.Operator.Builders;

/// <summary>Names and DNS names of everything the operator creates for a Cluster.</summary>
public sealed record ClusterNames(string Cluster, string Namespace, string ClusterDomain = ClusterNames.DefaultClusterDomain)
{
    public const string DefaultClusterDomain = "cluster.local";

    /// <summary>
    /// Longest Cluster name whose children stay valid: the StatefulSet's pods carry a controller-revision-hash label
    /// "&lt;statefulset&gt;-&lt;10 characters&gt;" that must fit a 63-character label value, and Services must be DNS-1035 labels.
    /// </summary>
    public const int MaxClusterNameLength = 45;

    public string StatefulSet => Cluster;

    /// <summary>The headless Service that gives every broker pod a stable DNS name.</summary>
    public string HeadlessService => $"{Cluster}-brokers";

    /// <summary>The client-facing Service.</summary>
    public string BootstrapService => $"{Cluster}-bootstrap";

    public string ConfigMap => $"{Cluster}-config";

    public string PodDisruptionBudget => Cluster;

    public string ServiceMonitor => Cluster;

    public string PrometheusRule => Cluster;

    /// <summary>The volumeClaimTemplate name: claims are data-&lt;cluster&gt;-&lt;ordinal&gt;.</summary>
    public const string DataVolume = "data";

    public string PodName(int ordinal) => $"{Cluster}-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>&lt;pod&gt;.&lt;headless&gt;.&lt;namespace&gt;.svc.&lt;domain&gt;: resolvable before the pod is ready (publishNotReadyAddresses).</summary>
    public string PodHost(int ordinal) => $"{PodName(ordinal)}.{HeadlessService}.{Namespace}.svc.{ClusterDomain}";

    /// <summary>The advertised listener host with the pod name left to the kubelet's $(POD_NAME) expansion.</summary>
    public string AdvertisedHostTemplate => $"$(POD_NAME).{HeadlessService}.{Namespace}.svc.{ClusterDomain}";

    public string BootstrapServers(int port) => $"{BootstrapService}.{Namespace}.svc.{ClusterDomain}:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Every broker's Kafka listener, for the operator's own admin client.</summary>
    public string BrokerServers(int replicas) =>
        string.Join(",", Enumerable.Range(0, Math.Max(1, replicas)).Select(i => $"{PodHost(i)}:{BrokerPorts.Kafka.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The pod ordinal of a StatefulSet pod name, or -1.</summary>
    public int OrdinalOf(string podName) =>
        podName.StartsWith(StatefulSet + "-", StringComparison.Ordinal)
        && int.TryParse(podName.AsSpan(StatefulSet.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            ? ordinal
            : -1;
}
