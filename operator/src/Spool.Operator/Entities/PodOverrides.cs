using System.ComponentModel;
using System.Text.Json.Nodes;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>What users may add to or replace in the broker pods.</summary>
[Description("Scheduling and metadata overrides of the broker pods.")]
public sealed class PodOverrides
{
    [Description("Extra annotations of the broker pods. Changing them rolls the brokers.")]
    public Dictionary<string, string>? Annotations { get; set; }

    [Description("Extra labels of the broker pods (the operator's own app.kubernetes.io labels win).")]
    public Dictionary<string, string>? Labels { get; set; }

    [Description("nodeSelector of the broker pods.")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    [Description("Tolerations of the broker pods, as in a pod spec.")]
    public List<JsonObject>? Tolerations { get; set; }

    [Description("Affinity of the broker pods, as in a pod spec. Replaces the default, which prefers spreading the brokers over nodes (pod anti-affinity on kubernetes.io/hostname).")]
    public JsonObject? Affinity { get; set; }

    [Description("priorityClassName of the broker pods.")]
    public string? PriorityClassName { get; set; }

    [Defaulted]
    [Minimum(1)]
    [Description("Seconds a broker gets after SIGTERM to shut down cleanly (flush and close its logs) before it is killed.")]
    public long TerminationGracePeriodSeconds { get; set; } = 60;
}
