using Spool.Kubernetes.Runtime;

namespace Spool.Operator.Kafka;

/// <summary>Admin clients per Cluster resource, reused across reconciles.</summary>
public interface IClusterAdminProvider
{
    /// <summary>The admin client of a cluster; a new one when its bootstrap servers changed.</summary>
    IClusterAdmin Get(ObjectKey cluster, string bootstrapServers);

    /// <summary>Closes the cluster's client (the Cluster is gone).</summary>
    Task ForgetAsync(ObjectKey cluster);
}
