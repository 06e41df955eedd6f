using System.ComponentModel;
using Spool.Kubernetes.Models;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>What the operator observed of a cluster.</summary>
[Description("The observed state of the cluster.")]
public sealed class ClusterStatus
{
    [Description("The metadata.generation the status describes.")]
    public long? ObservedGeneration { get; set; }

    [ListMapKeys("type")]
    [Description("Ready, Progressing and Degraded, with reasons and messages.")]
    public List<Condition>? Conditions { get; set; }

    [Description("Broker pods that exist.")]
    public int? Replicas { get; set; }

    [Description("Broker pods that are ready (serving, per /readyz).")]
    public int? ReadyReplicas { get; set; }

    [Description("Broker pods running the current configuration and image.")]
    public int? UpdatedReplicas { get; set; }

    [Description("host:port of the bootstrap Service, for clients inside the Kubernetes cluster.")]
    public string? BootstrapServers { get; set; }

    [Description("The Kafka cluster id (DescribeCluster).")]
    public string? ClusterId { get; set; }

    [Description("The broker image the pods run or are being rolled to.")]
    public string? Image { get; set; }

    [Description("controller.quorum.voters of the brokers.")]
    public string? QuorumVoters { get; set; }
}
