using Spool.Operator.Entities;

namespace Spool.Operator.Builders;

/// <summary>Everything the builders derive a cluster's objects from, computed once per reconcile.</summary>
public sealed record ClusterBlueprint
{
    public ClusterBlueprint(SpoolCluster cluster, string defaultImage, string clusterDomain = ClusterNames.DefaultClusterDomain)
    {
        Cluster = cluster;
        Spec = cluster.Spec ?? new ClusterSpec();
        Names = new ClusterNames(cluster.Metadata.Name ?? "", cluster.Metadata.Namespace ?? "default", clusterDomain);
        Image = string.IsNullOrEmpty(Spec.Image) ? defaultImage : Spec.Image;
        Properties = BrokerProperties.Render(cluster, Names);
        ConfigHash = BrokerProperties.Hash(Properties);
    }

    public SpoolCluster Cluster { get; }

    public ClusterSpec Spec { get; }

    public ClusterNames Names { get; }

    public string Image { get; }

    /// <summary>server.properties.</summary>
    public string Properties { get; }

    public string ConfigHash { get; }
}
