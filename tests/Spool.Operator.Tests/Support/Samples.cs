using System.Text.Json.Nodes;
using Spool.Kubernetes.Models;
using Spool.Operator.Builders;
using Spool.Operator.Entities;

namespace Spool.Operator.Tests.Support;

/// <summary>Resources as the API server would hand them to the operator (uid, generation, defaults filled in).</summary>
public static class Samples
{
    public const string Namespace = "streaming";

    public const string Image = "ghcr.io/spool-dev/spool-broker:0.1.0";

    public static SpoolCluster Cluster(string name = "events", Action<ClusterSpec>? configure = null)
    {
        var spec = new ClusterSpec();
        configure?.Invoke(spec);
        return new SpoolCluster
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                Namespace = Namespace,
                Uid = "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                Generation = 1,
            },
            Spec = spec,
        };
    }

    /// <summary>Three brokers with every override set.</summary>
    public static SpoolCluster LargeCluster() => Cluster("orders", spec =>
    {
        spec.Replicas = 3;
        spec.Image = "registry.example.com/spool/broker:1.2.3";
        spec.ImagePullPolicy = PullPolicy.Always;
        spec.ImagePullSecrets = ["registry-credentials"];
        spec.Resources = new ResourcesSpec
        {
            Requests = new() { ["cpu"] = JsonValue.Create("500m"), ["memory"] = JsonValue.Create("2Gi") },
            Limits = new() { ["memory"] = JsonValue.Create(4294967296L) },
        };
        spec.Storage = new StorageSpec { Size = "100Gi", StorageClassName = "fast-ssd", OnScaleDown = ClaimPolicy.Delete, OnDelete = ClaimPolicy.Delete };
        spec.Config = new() { ["num.partitions"] = "6", ["log.retention.ms"] = "86400000", ["default.replication.factor"] = "3" };
        spec.Listener = new ListenerSpec { Port = 19092, ServiceType = ServiceType.LoadBalancer, Annotations = new() { ["service.beta.kubernetes.io/aws-load-balancer-internal"] = "true" } };
        spec.Metrics = new MetricsSpec
        {
            ScrapeInterval = "15s",
            Labels = new() { ["release"] = "prometheus" },
            DefaultLagThresholds = new LagThresholds { MaxLagRecords = 50000, MaxLagSeconds = 600, Severity = AlertSeverity.Critical },
        };
        spec.Pod = new PodOverrides
        {
            Annotations = new() { ["example.com/team"] = "payments" },
            Labels = new() { ["team"] = "payments", [ClusterLabels.Instance] = "not-this" },
            NodeSelector = new() { ["kubernetes.io/arch"] = "amd64" },
            Tolerations = [new JsonObject { ["key"] = "dedicated", ["operator"] = "Equal", ["value"] = "kafka", ["effect"] = "NoSchedule" }],
            PriorityClassName = "high-priority",
            TerminationGracePeriodSeconds = 120,
        };
        spec.PodDisruptionBudget = new DisruptionBudgetSpec { MaxUnavailable = 1 };
    });

    public static SpoolConsumerGroup Group(string name, LagAlerting? alerting, string cluster = "events", string? groupId = null, int createdSecond = 0) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = Namespace,
            Uid = $"00000000-0000-0000-0000-{createdSecond:D12}",
            CreationTimestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + createdSecond),
        },
        Spec = new ConsumerGroupSpec { ClusterRef = new ClusterReference { Name = cluster }, GroupId = groupId, LagAlerting = alerting },
    };
}
