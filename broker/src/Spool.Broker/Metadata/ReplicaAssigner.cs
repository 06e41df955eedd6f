namespace Spool.Broker.Metadata;

/// <summary>
/// Places partition replicas on brokers the way Kafka does without racks: the first replica round-robin
/// from a starting broker, the others shifted so that leaders and followers spread evenly.
/// </summary>
public static class ReplicaAssigner
{
    public static List<int[]> Assign(int firstPartition, int partitions, int replicationFactor, IReadOnlyList<int> brokerIds, int startIndex)
    {
        var brokers = brokerIds.Order().ToArray();
        var result = new List<int[]>(partitions);
        var n = brokers.Length;
        var shift = n > 1 ? startIndex % (n - 1) : 0;
        for (var i = 0; i < partitions; i++)
        {
            var p = firstPartition + i;
            if (p > 0 && n > 1 && p % n == 0)
            {
                shift++;
            }

            var first = (p + startIndex) % n;
            var replicas = new int[replicationFactor];
            replicas[0] = brokers[first];
            for (var j = 1; j < replicationFactor; j++)
            {
                var offset = 1 + ((shift + j - 1) % (n - 1));
                replicas[j] = brokers[(first + offset) % n];
            }

            result.Add(replicas);
        }

        return result;
    }
}
