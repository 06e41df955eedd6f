using System.ComponentModel;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>Each broker's PersistentVolumeClaim.</summary>
[Description("Persistent storage of each broker.")]
public sealed class StorageSpec
{
    [Defaulted]
    [Quantity]
    [Description("Size of each broker's volume. Volume claim templates cannot change: a different size after creation is reported in status and not applied.")]
    public string Size { get; set; } = "10Gi";

    [Description("StorageClass of the claims; the cluster's default class when omitted.")]
    public string? StorageClassName { get; set; }

    [Defaulted]
    [Description("Keep or Delete the claim of a broker removed by lowering replicas.")]
    public ClaimPolicy OnScaleDown { get; set; } = ClaimPolicy.Keep;

    [Defaulted]
    [Description("Keep or Delete the claims when the Cluster is deleted.")]
    public ClaimPolicy OnDelete { get; set; } = ClaimPolicy.Keep;
}
