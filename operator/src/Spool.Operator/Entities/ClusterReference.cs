using System.ComponentModel;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>The Cluster (in the same namespace) a Topic or ConsumerGroup belongs to.</summary>
[Description("The Spool Cluster, in the same namespace, this resource belongs to.")]
public sealed class ClusterReference
{
    [Required]
    [Description("Name of the Cluster resource.")]
    [Length(1, 253)]
    public string Name { get; set; } = "";
}
