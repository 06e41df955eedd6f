using Spool.Broker.Configuration;
using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Broker.Observability;
using Spool.Broker.Partitions;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Handlers;

/// <summary>
/// Fetch: whole record batches up to the high watermark, within the per-partition and response byte
/// limits (the first batch is always returned, KIP-74). When less than MinBytes is available the request
/// waits up to MaxWaitMs for any of its partitions to advance (long poll). Fetch sessions (KIP-227) are
/// not kept: every response carries session id 0, which tells clients to send full fetch requests.
/// </summary>
public sealed class FetchHandler : RequestHandler<FetchRequest, FetchResponse>
{
    private readonly ReplicaManager _replicas;
    private readonly MetadataManager _metadata;
    private readonly BrokerConfig _config;
    private readonly TopicMetrics _topics;
    private readonly TimeProvider _time;

    public FetchHandler(ReplicaManager replicas, MetadataManager metadata, BrokerConfig config, TopicMetrics topics, TimeProvider time)
    {
        _replicas = replicas;
        _metadata = metadata;
        _config = config;
        _topics = topics;
        _time = time;
    }

    protected override async ValueTask<FetchResponse?> HandleAsync(RequestContext context, FetchRequest request, CancellationToken cancellationToken)
    {
        if (request.SessionId != 0 || request.SessionEpoch > 0)
        {
            // We never hand out a session, so an incremental fetch names one we do not have.
            return new FetchResponse { ErrorCode = (short)ErrorCode.FetchSessionIdNotFound, SessionId = 0 };
        }

        var deadline = _time.GetUtcNow().AddMilliseconds(Math.Max(0, request.MaxWaitMs));
        while (true)
        {
            var waits = new List<Task>();
            var (response, bytes, anyError) = Read(context, request, waits);
            var remaining = deadline - _time.GetUtcNow();
            if (bytes >= request.MinBytes || anyError || remaining <= TimeSpan.Zero || waits.Count == 0)
            {
                CountFetched(response);
                return response;
            }

            context.ReleaseResponseResources();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(remaining, _time, timeout.Token);
            waits.Add(delay);
            await Task.WhenAny(waits);
            await timeout.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void CountFetched(FetchResponse response)
    {
        var image = _metadata.Image;
        foreach (var topic in response.Responses)
        {
            var name = topic.Topic.Length > 0 ? topic.Topic : image.TopicsById.GetValueOrDefault(topic.TopicId)?.Name;
            foreach (var p in topic.Partitions.Where(p => !p.Records.IsEmpty))
            {
                _topics.Fetched(name ?? "unknown", p.Records.Length, BatchCounter.CountRecords(p.Records.Span));
            }
        }
    }

    private (FetchResponse Response, long Bytes, bool AnyError) Read(RequestContext context, FetchRequest request, List<Task> waits)
    {
        var version = context.ApiVersion;
        var image = _metadata.Image;
        var response = new FetchResponse { SessionId = 0 };
        var budget = (long)Math.Min(request.MaxBytes <= 0 ? int.MaxValue : request.MaxBytes, _config.FetchMaxBytes);
        long total = 0;
        var anyError = false;
        foreach (var topic in request.Topics)
        {
            string? name = version >= 13 ? image.TopicsById.GetValueOrDefault(topic.TopicId)?.Name : topic.Topic;
            var topicResponse = new FetchResponse.FetchableTopicResponse { Topic = topic.Topic, TopicId = topic.TopicId };
            response.Responses.Add(topicResponse);
            foreach (var p in topic.Partitions)
            {
                var data = new FetchResponse.PartitionData
                {
                    PartitionIndex = p.Partition,
                    HighWatermark = -1,
                    LastStableOffset = -1,
                    LogStartOffset = -1,
                    AbortedTransactions = null,
                };
                topicResponse.Partitions.Add(data);
                if (name is null)
                {
                    data.ErrorCode = (short)ErrorCode.UnknownTopicId;
                    anyError = true;
                    continue;
                }

                if (!_replicas.TryGetPartition(new TopicPartition(name, p.Partition), out var partition))
                {
                    data.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    anyError = true;
                    continue;
                }

                var epochError = LeaderEpochCheck.Check(p.CurrentLeaderEpoch, partition.LeaderEpoch);
                if (epochError != ErrorCode.None)
                {
                    data.ErrorCode = (short)epochError;
                    anyError = true;
                    continue;
                }

                waits.Add(partition.Changed);
                var log = partition.Log;
                var maxBytes = (int)Math.Min(Math.Max(0, p.PartitionMaxBytes), Math.Max(0, budget - total));
                var read = log.Read(p.FetchOffset, maxBytes, log.HighWatermark, minOneBatch: total == 0);
                context.ResponseResources.Add(read);
                data.HighWatermark = read.HighWatermark;
                data.LastStableOffset = read.HighWatermark;
                data.LogStartOffset = read.LogStartOffset;
                if (read.Error != ErrorCode.None)
                {
                    data.ErrorCode = (short)read.Error;
                    anyError = true;
                    continue;
                }

                data.Records = read.Records;
                total += read.Records.Length;
            }
        }

        return (response, total, anyError);
    }
}
