using System.ComponentModel;
using System.Text.Json.Nodes;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>Container resources by quantity (cpu: 500m, memory: 2Gi). JSON values, because a byte count exceeds Int32.</summary>
[Description("Resource requests and limits, as in a container spec.")]
public sealed class ResourcesSpec
{
    [Quantity]
    [Description("Minimum resources reserved for the broker (cpu, memory, ephemeral-storage).")]
    public Dictionary<string, JsonNode>? Requests { get; set; }

    [Quantity]
    [Description("Maximum resources the broker may use.")]
    public Dictionary<string, JsonNode>? Limits { get; set; }
}
