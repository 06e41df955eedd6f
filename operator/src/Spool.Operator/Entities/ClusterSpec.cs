using System.ComponentModel;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>The desired shape of a Spool cluster.</summary>
[Description("The desired state of a Spool cluster: brokers as a StatefulSet, their storage, configuration, Services and monitoring.")]
public sealed class ClusterSpec
{
    [Defaulted]
    [Minimum(1)]
    [Maximum(99)]
    [Description("Number of brokers (StatefulSet pods). Every pod runs the broker and controller roles; node.id is the pod ordinal and the quorum voters are the first 1, 3 or 5 pods (1 for 1-2 replicas, 3 for 3-4, 5 for 5 or more).")]
    public int Replicas { get; set; } = 1;

    [Description("Broker container image. Defaults to the operator's --broker-image. Changing it rolls the brokers one at a time.")]
    [Length(1, 512)]
    public string? Image { get; set; }

    [Description("imagePullPolicy of the broker container.")]
    public PullPolicy? ImagePullPolicy { get; set; }

    [Description("Names of Secrets in the cluster's namespace used to pull the image.")]
    public List<string>? ImagePullSecrets { get; set; }

    [Description("CPU and memory requests and limits of the broker container.")]
    public ResourcesSpec? Resources { get; set; }

    [Defaulted]
    [Description("Persistent storage of each broker (one PersistentVolumeClaim per pod).")]
    public StorageSpec Storage { get; set; } = new();

    [Description("Broker properties by their Kafka names (num.partitions, log.retention.ms, auto.create.topics.enable, ...), written into server.properties. Values are strings: quote numbers and booleans. Keys the operator sets itself (node.id, listeners, advertised.listeners, log.dirs, process.roles, controller.*, http.listeners, ...) are refused. Changing them rolls the brokers.")]
    public Dictionary<string, string>? Config { get; set; }

    [Defaulted]
    [Description("How clients reach the brokers: the bootstrap Service.")]
    public ListenerSpec Listener { get; set; } = new();

    [Defaulted]
    [Description("Prometheus Operator integration, used only when the monitoring.coreos.com CRDs are served.")]
    public MetricsSpec Metrics { get; set; } = new();

    [Defaulted]
    [Description("Scheduling and metadata overrides of the broker pods.")]
    public PodOverrides Pod { get; set; } = new();

    [Defaulted]
    [Description("The PodDisruptionBudget that limits voluntary evictions of brokers.")]
    public DisruptionBudgetSpec PodDisruptionBudget { get; set; } = new();
}
