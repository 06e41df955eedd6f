using Spool.Client.Internal;
using Spool.Client.Metadata;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Admin;

/// <summary>Describing the cluster and the brokers' log directories.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Cluster id, controller and brokers (DescribeCluster where the broker serves it, Metadata otherwise).</summary>
    public Task<ClusterDescription> DescribeClusterAsync(AdminOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        _core.RetryAsync("DescribeCluster", TimeoutOf(options), async ct =>
        {
            var connection = await _core.ConnectToAnyAsync(ct);
            if (connection.Versions.TryNegotiate(ApiKey.DescribeCluster, null, out var version))
            {
                var response = await connection.SendAsync<DescribeClusterRequest, DescribeClusterResponse>(new DescribeClusterRequest(), version, ct);
                KafkaException.ThrowIfError(response.ErrorCode, response.ErrorMessage, "DescribeCluster");
                var brokers = response.Brokers.Select(b => new BrokerNode(b.BrokerId, b.Host, b.Port, b.Rack)).OrderBy(b => b.NodeId).ToList();
                return new ClusterDescription(response.ClusterId, brokers.FirstOrDefault(b => b.NodeId == response.ControllerId), brokers);
            }

            var metadata = await _core.Metadata.RefreshAsync([], ct);
            var nodes = metadata.Brokers.Values.OrderBy(b => b.NodeId).ToList();
            return new ClusterDescription(metadata.ClusterId, nodes.FirstOrDefault(b => b.NodeId == metadata.ControllerId), nodes);
        }, cancellationToken);

    /// <summary>The log directories of the given brokers (all brokers when null), with every replica they hold.</summary>
    public async Task<IReadOnlyList<LogDirDescription>> DescribeLogDirsAsync(
        IEnumerable<int>? brokerIds = null, AdminOperationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var timeout = TimeoutOf(options);
        var ids = brokerIds?.Distinct().ToList()
            ?? [.. (await _core.RetryAsync("DescribeLogDirs", timeout, ct => _core.Metadata.RefreshAsync([], ct), cancellationToken)).Brokers.Keys.Order()];
        var outcomes = await _core.PerItemAsync<int, List<LogDirDescription>>("DescribeLogDirs", ids, timeout, async (pending, ct) =>
        {
            var calls = pending.Select(async id =>
            {
                try
                {
                    var connection = await _core.ConnectToNodeAsync(id, ct);
                    var response = await KafkaClientCore.SendAsync<DescribeLogDirsRequest, DescribeLogDirsResponse>(connection, _ => new DescribeLogDirsRequest { Topics = null }, ct);
                    if (Error(response.ErrorCode, null, $"describe log dirs of broker {id}") is { } failure)
                    {
                        return new ItemOutcome<int, List<LogDirDescription>>(id, null, failure);
                    }

                    var dirs = response.Results.Select(d => new LogDirDescription(
                        id,
                        d.LogDir,
                        d.TotalBytes < 0 ? null : d.TotalBytes,
                        d.UsableBytes < 0 ? null : d.UsableBytes,
                        [.. d.Topics.SelectMany(t => t.Partitions.Select(p => new ReplicaLogInfo(new TopicPartition(t.Name, p.PartitionIndex), p.PartitionSize, p.OffsetLag, p.IsFutureKey)))],
                        Error(d.ErrorCode, null, $"log dir {d.LogDir} of broker {id}"))).ToList();
                    return new ItemOutcome<int, List<LogDirDescription>>(id, dirs, null);
                }
                catch (KafkaException e)
                {
                    return new ItemOutcome<int, List<LogDirDescription>>(id, null, e);
                }
            });
            return await Task.WhenAll(calls);
        }, cancellationToken);
        return [.. ids.SelectMany(id => outcomes[id] is { Error: null, Result: { } dirs }
            ? dirs
            : [new LogDirDescription(id, "", null, null, [], outcomes[id].Error)])];
    }
}
