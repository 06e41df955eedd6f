using Spool.Client;
using Spool.Operator.Kafka;

namespace Spool.Operator.Reconcilers;

/// <summary>Asks a cluster for its id, brokers and partitions, and counts partitions whose ISR is smaller than their replica set.</summary>
public static class ClusterHealthProbe
{
    public static async Task<ClusterHealth> ProbeAsync(IClusterAdmin admin, CancellationToken cancellationToken)
    {
        try
        {
            var description = await admin.DescribeClusterAsync(cancellationToken);
            var topics = await admin.ListTopicsAsync(cancellationToken);
            var underReplicated = 0;
            var offline = 0;
            if (topics.Count > 0)
            {
                foreach (var topic in await admin.DescribeTopicsAsync([.. topics.Select(t => t.Name)], cancellationToken))
                {
                    foreach (var partition in topic.Partitions)
                    {
                        underReplicated += partition.Isr.Count < partition.Replicas.Count ? 1 : 0;
                        offline += partition.Leader < 0 ? 1 : 0;
                    }
                }
            }

            return new ClusterHealth(true, description.ClusterId, description.Brokers.Count, underReplicated, offline, null);
        }
        catch (Exception ex) when (ex is KafkaException or TimeoutException)
        {
            return ClusterHealth.Unreachable(ex.Message);
        }
    }
}
