using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Kubernetes.Serialization;
using Spool.Operator.Entities;

namespace Spool.Operator.Builders;

/// <summary>The two Services of a cluster: headless for stable pod DNS names, and the clients' bootstrap Service.</summary>
public static class ServiceBuilder
{
    public const string BrokersRole = "brokers";

    public const string BootstrapRole = "bootstrap";

    /// <summary>
    /// Headless, and publishing not-ready pods: brokers must resolve each other (quorum voters, replication) before
    /// any of them is ready, and Prometheus should scrape a broker that is up but not yet ready.
    /// </summary>
    public static Service Headless(ClusterBlueprint blueprint)
    {
        var names = blueprint.Names;
        var labels = ClusterLabels.Common(names.Cluster);
        labels[ClusterLabels.ServiceRole] = BrokersRole;
        return new Service
        {
            Metadata = new ObjectMeta
            {
                Name = names.HeadlessService,
                Namespace = names.Namespace,
                Labels = labels,
                OwnerReferences = [OwnerReferences.ControllerReference(blueprint.Cluster)],
            },
            Spec = new ServiceSpec
            {
                ClusterIP = "None",
                PublishNotReadyAddresses = true,
                Selector = ClusterLabels.Selector(names.Cluster),
                Ports =
                [
                    Port(BrokerPorts.KafkaName, BrokerPorts.Kafka, BrokerPorts.KafkaName),
                    Port(BrokerPorts.ControllerName, BrokerPorts.Controller, BrokerPorts.ControllerName),
                    Port(BrokerPorts.HttpName, BrokerPorts.Http, BrokerPorts.HttpName),
                ],
            },
        };
    }

    /// <summary>Ready brokers only, on spec.listener.port: what clients bootstrap from.</summary>
    public static Service Bootstrap(ClusterBlueprint blueprint)
    {
        var names = blueprint.Names;
        var listener = blueprint.Spec.Listener;
        var labels = ClusterLabels.Common(names.Cluster);
        labels[ClusterLabels.ServiceRole] = BootstrapRole;
        return new Service
        {
            Metadata = new ObjectMeta
            {
                Name = names.BootstrapService,
                Namespace = names.Namespace,
                Labels = labels,
                Annotations = listener.Annotations is { Count: > 0 } annotations ? new Dictionary<string, string>(annotations, StringComparer.Ordinal) : null,
                OwnerReferences = [OwnerReferences.ControllerReference(blueprint.Cluster)],
            },
            Spec = new ServiceSpec
            {
                Type = listener.ServiceType switch
                {
                    ServiceType.NodePort => "NodePort",
                    ServiceType.LoadBalancer => "LoadBalancer",
                    _ => "ClusterIP",
                },
                Selector = ClusterLabels.Selector(names.Cluster),
                Ports = [Port(BrokerPorts.KafkaName, listener.Port, BrokerPorts.KafkaName)],
            },
        };
    }

    private static ServicePort Port(string name, int port, string targetPort) => new()
    {
        Name = name,
        Protocol = "TCP",
        Port = port,
        TargetPort = new IntOrString(targetPort),
    };
}
