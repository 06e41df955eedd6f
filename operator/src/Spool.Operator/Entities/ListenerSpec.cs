using System.ComponentModel;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>The client-facing bootstrap Service.</summary>
[Description("The bootstrap Service clients connect to first. Brokers advertise their stable pod DNS names (<pod>.<cluster>-brokers.<namespace>.svc.<domain>:9092), so clients must run where those names resolve.")]
public sealed class ListenerSpec
{
    [Defaulted]
    [Minimum(1)]
    [Maximum(65535)]
    [Description("Port of the bootstrap Service (the brokers listen on 9092).")]
    public int Port { get; set; } = 9092;

    [Defaulted]
    [Description("Type of the bootstrap Service.")]
    public ServiceType ServiceType { get; set; } = ServiceType.ClusterIP;

    [Description("Annotations of the bootstrap Service (for example load-balancer settings).")]
    public Dictionary<string, string>? Annotations { get; set; }
}
