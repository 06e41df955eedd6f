using System.ComponentModel;
using Spool.Kubernetes.Serialization;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>Container resources by quantity (cpu: 500m, memory: 2Gi).</summary>
[Description("Resource requests and limits, as in a container spec.")]
public sealed class ResourcesSpec
{
    [Quantity]
    [Description("Minimum resources reserved for the broker (cpu, memory, ephemeral-storage).")]
    public Dictionary<string, IntOrString>? Requests { get; set; }

    [Quantity]
    [Description("Maximum resources the broker may use.")]
    public Dictionary<string, IntOrString>? Limits { get; set; }
}
