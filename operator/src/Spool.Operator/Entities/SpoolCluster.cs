using System.ComponentModel;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>A Spool cluster: kind Cluster in spool.dev/v1alpha1.</summary>
[Description("A Spool cluster: brokers run as a StatefulSet with a bootstrap Service, configuration, a PodDisruptionBudget and, where the Prometheus Operator runs, a ServiceMonitor and a PrometheusRule.")]
[ShortNames("spc", "spoolcluster")]
[PrinterColumn("Replicas", "integer", ".spec.replicas", Description = "Desired brokers")]
[PrinterColumn("Ready-Brokers", "integer", ".status.readyReplicas", Description = "Ready brokers")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason")]
[PrinterColumn("Bootstrap", "string", ".status.bootstrapServers", Priority = 1)]
[PrinterColumn("Cluster-ID", "string", ".status.clusterId", Priority = 1)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class SpoolCluster : KubernetesObject<ClusterSpec, ClusterStatus>, IKubernetesResource
{
    public SpoolCluster()
    {
        ApiVersion = SpoolApi.ApiVersion;
        Kind = "Cluster";
    }

    public static ResourceType Resource { get; } = SpoolApi.Resource("clusters", "Cluster");
}
