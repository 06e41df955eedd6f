using Spool.Broker.Network;
using Spool.Broker.Partitions;
using Spool.Protocol.Messages;

namespace Spool.Broker.Handlers;

/// <summary>DescribeLogDirs: each log dir with its partitions' sizes, and (v4+) total and usable bytes.</summary>
public sealed class DescribeLogDirsHandler : RequestHandler<DescribeLogDirsRequest, DescribeLogDirsResponse>
{
    private readonly ReplicaManager _replicas;

    public DescribeLogDirsHandler(ReplicaManager replicas) => _replicas = replicas;

    protected override ValueTask<DescribeLogDirsResponse?> HandleAsync(RequestContext context, DescribeLogDirsRequest request, CancellationToken cancellationToken)
    {
        var wanted = request.Topics?.ToDictionary(t => t.Topic, t => t.Partitions.ToHashSet());
        var response = new DescribeLogDirsResponse();
        foreach (var dir in _replicas.Logs.DescribeLogDirs())
        {
            var result = new DescribeLogDirsResponse.DescribeLogDirsResult
            {
                ErrorCode = (short)dir.Error,
                LogDir = dir.Path,
                TotalBytes = dir.TotalBytes,
                UsableBytes = dir.UsableBytes,
            };
            foreach (var group in dir.Partitions.GroupBy(p => p.TopicPartition.Topic).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var partitions = group
                    .Where(p => wanted is null || (wanted.TryGetValue(group.Key, out var set) && set.Contains(p.TopicPartition.Partition)))
                    .OrderBy(p => p.TopicPartition.Partition)
                    .Select(p => new DescribeLogDirsResponse.DescribeLogDirsPartition
                    {
                        PartitionIndex = p.TopicPartition.Partition,
                        PartitionSize = p.Size,
                        OffsetLag = p.OffsetLag,
                        IsFutureKey = p.IsFuture,
                    })
                    .ToList();
                if (partitions.Count > 0)
                {
                    result.Topics.Add(new DescribeLogDirsResponse.DescribeLogDirsTopic { Name = group.Key, Partitions = partitions });
                }
            }

            response.Results.Add(result);
        }

        return ValueTask.FromResult<DescribeLogDirsResponse?>(response);
    }
}
