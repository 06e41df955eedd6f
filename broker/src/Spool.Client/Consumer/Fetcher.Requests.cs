using Microsoft.Extensions.Logging;
using Spool.Client.Metadata;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Consumer;

/// <summary>Fetch requests and turning their responses into completed fetches.</summary>
internal sealed partial class Fetcher
{
    private async Task FetchAsync(int node, List<(TopicPartition Partition, long Position, int? Epoch)> partitions, ClusterMetadata metadata)
    {
        // Run off the caller's stack: it holds the fetcher's lock.
        await Task.Yield();
        var failed = false;
        try
        {
            var connection = await _core.ConnectToNodeAsync(node, _lifetime);
            var topicIds = partitions.Select(p => p.Partition.Topic).Distinct(StringComparer.Ordinal)
                .ToDictionary(t => t, t => metadata.Topic(t)?.TopicId ?? Uuid.Zero, StringComparer.Ordinal);

            // Fetch v13+ names topics by id only: use it when every topic's id is known.
            var version = connection.NegotiateVersion(ApiKey.Fetch, topicIds.Values.Any(id => id.IsZero) ? (short)12 : null);
            var request = new FetchRequest
            {
                ReplicaId = -1,
                MaxWaitMs = (int)_options.FetchMaxWait.TotalMilliseconds,
                MinBytes = _options.FetchMinBytes,
                MaxBytes = _options.FetchMaxBytes,
                IsolationLevel = (sbyte)_options.IsolationLevel,
                SessionId = 0,
                SessionEpoch = -1,
                RackId = _options.ClientRack,
                Topics = [.. partitions.GroupBy(p => p.Partition.Topic).Select(g => new FetchRequest.FetchTopic
                {
                    Topic = g.Key,
                    TopicId = topicIds[g.Key],
                    Partitions = [.. g.Select(p => new FetchRequest.FetchPartition
                    {
                        Partition = p.Partition.Partition,
                        FetchOffset = p.Position,
                        CurrentLeaderEpoch = p.Epoch ?? -1,
                        PartitionMaxBytes = _options.MaxPartitionFetchBytes,
                    })],
                })],
            };
            var response = await connection.SendAsync<FetchRequest, FetchResponse>(request, version, _lifetime, connection.RequestTimeout + _options.FetchMaxWait);
            var names = topicIds.Where(t => !t.Value.IsZero).ToDictionary(t => t.Value, t => t.Key);
            var offsets = partitions.ToDictionary(p => p.Partition, p => p.Position);
            foreach (var topic in response.Responses)
            {
                var name = version >= 13 ? names.GetValueOrDefault(topic.TopicId) : topic.Topic;
                if (name is null)
                {
                    continue;
                }

                foreach (var p in topic.Partitions)
                {
                    var partition = new TopicPartition(name, p.PartitionIndex);
                    if (!offsets.TryGetValue(partition, out var fetchOffset))
                    {
                        continue;
                    }

                    var error = p.ErrorCode != 0 ? (ErrorCode)p.ErrorCode : (ErrorCode)response.ErrorCode;
                    if (error == ErrorCode.None && p.Records.IsEmpty)
                    {
                        UpdateWatermarks(partition, fetchOffset, p.HighWatermark, p.LogStartOffset, p.LastStableOffset);
                        continue;
                    }

                    _buffered[partition] = 0;
                    _completed.Enqueue(new CompletedFetch(partition, fetchOffset, error, p.HighWatermark, p.LastStableOffset, p.LogStartOffset, p.Records));
                }
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (KafkaException e)
        {
            failed = true;
            _logger.LogDebug("Fetch from node {Node} failed: {Error}", node, e.Message);
            if (KafkaErrors.InvalidatesMetadata(e.Error))
            {
                _core.Metadata.RequestUpdate();
            }
        }
        catch (Exception e)
        {
            failed = true;
            _logger.LogWarning(e, "Fetch from node {Node} failed", node);
        }
        finally
        {
            lock (_lock)
            {
                _inFlight.Remove(node);
                if (failed)
                {
                    _nodeBackoffUntil[node] = Environment.TickCount64 + (long)_options.RetryBackoff.TotalMilliseconds;
                }
            }

            _arrived.Set();
        }
    }

    private void UpdateWatermarks(TopicPartition partition, long fetchOffset, long highWatermark, long logStartOffset, long lastStableOffset) =>
        _subscriptions.With(partition, state =>
        {
            if (state.HasPosition && state.Position == fetchOffset)
            {
                state.HighWatermark = highWatermark;
                state.LogStartOffset = logStartOffset >= 0 ? logStartOffset : state.LogStartOffset;
                state.LastStableOffset = lastStableOffset;
            }

            return true;
        });
}
