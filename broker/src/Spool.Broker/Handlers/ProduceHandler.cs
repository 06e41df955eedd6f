using System.Runtime.InteropServices;
using Spool.Broker.Network;
using Spool.Broker.Observability;
using Spool.Broker.Partitions;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Protocol.Records;
using Spool.Storage;

namespace Spool.Broker.Handlers;

/// <summary>
/// Produce: validates each partition's record batch (as Kafka's LogValidator does), appends it as the
/// leader and answers with the base offset. acks=0 sends no response; acks=-1 waits for the ISR, which on
/// a single replica is the leader itself.
/// </summary>
public sealed class ProduceHandler : RequestHandler<ProduceRequest, ProduceResponse>
{
    private readonly ReplicaManager _replicas;
    private readonly TopicMetrics _topics;
    private readonly RequestMetrics _requests;
    private readonly TimeProvider _time;

    public ProduceHandler(ReplicaManager replicas, TopicMetrics topics, RequestMetrics requests, TimeProvider time)
    {
        _replicas = replicas;
        _topics = topics;
        _requests = requests;
        _time = time;
    }

    protected override ValueTask<ProduceResponse?> HandleAsync(RequestContext context, ProduceRequest request, CancellationToken cancellationToken)
    {
        var response = new ProduceResponse();
        var requestError = request.Acks is not (-1 or 0 or 1) ? ErrorCode.InvalidRequiredAcks
            : request.TransactionalId is not null ? ErrorCode.TransactionalIdAuthorizationFailed
            : ErrorCode.None;
        foreach (var topic in request.TopicData)
        {
            var topicResponse = new ProduceResponse.TopicProduceResponse { Name = topic.Name };
            response.Responses.Add(topicResponse);
            foreach (var data in topic.PartitionData)
            {
                var result = new ProduceResponse.PartitionProduceResponse { Index = data.Index, BaseOffset = -1 };
                topicResponse.PartitionResponses.Add(result);
                if (requestError != ErrorCode.None)
                {
                    Fail(result, requestError, requestError == ErrorCode.TransactionalIdAuthorizationFailed ? "Transactions are not supported by Spool" : null);
                    continue;
                }

                Append(topic.Name, data, request.Acks, result);
            }
        }

        return ValueTask.FromResult(request.Acks == 0 ? null : response);
    }

    private void Append(string topic, ProduceRequest.PartitionProduceData data, short acks, ProduceResponse.PartitionProduceResponse result)
    {
        if (topic is "__consumer_offsets" or "__transaction_state")
        {
            Fail(result, ErrorCode.InvalidTopicException, $"Cannot append to internal topic {topic}");
            return;
        }

        if (!_replicas.TryGetPartition(new TopicPartition(topic, data.Index), out var partition))
        {
            Fail(result, ErrorCode.UnknownTopicOrPartition, null);
            return;
        }

        var log = partition.Log;
        var config = log.Config;
        if (acks == -1 && partition.Placement.Isr.Count < config.MinInSyncReplicas)
        {
            Fail(result, ErrorCode.NotEnoughReplicas,
                $"The size of the current ISR {partition.Placement.Isr.Count} is insufficient to satisfy the min.isr requirement of {config.MinInSyncReplicas}");
            return;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var validation = RecordBatchValidator.ValidateProduceBatch(data.Records.Span, new RecordValidationOptions
        {
            MaxBatchBytes = config.MaxMessageBytes,
            RequireKeys = config.CleanupPolicy.HasFlag(CleanupPolicy.Compact),
            NowMs = now,
            TimestampBeforeMaxMs = config.MessageTimestampType == TimestampType.CreateTime ? config.MessageTimestampBeforeMaxMs : long.MaxValue,
            TimestampAfterMaxMs = config.MessageTimestampType == TimestampType.CreateTime ? config.MessageTimestampAfterMaxMs : long.MaxValue,
        });
        if (!validation.IsValid)
        {
            Fail(result, validation.Error, validation.Message);
            if (validation.Error is ErrorCode.InvalidRecord or ErrorCode.InvalidTimestamp)
            {
                result.RecordErrors.Add(new ProduceResponse.BatchIndexAndErrorMessage { BatchIndex = Math.Max(0, validation.RecordIndex), BatchIndexErrorMessage = validation.Message });
            }

            return;
        }

        // The frame buffer belongs to this request: offsets are patched into it in place.
        var appended = log.AppendAsLeader(MemoryMarshal.AsMemory(data.Records).Span, partition.LeaderEpoch, crcVerified: true);
        if (!appended.IsSuccess)
        {
            Fail(result, appended.Error, appended.ErrorMessage);
            return;
        }

        // One replica is the whole ISR, so what is appended is committed.
        if (partition.Placement.Isr.Count <= 1)
        {
            log.MaybeIncrementHighWatermark(log.LogEndOffset);
        }

        result.BaseOffset = appended.FirstOffset;
        result.LogAppendTimeMs = appended.LogAppendTime;
        result.LogStartOffset = appended.LogStartOffset;
        // A retried batch the log already holds is answered with its first offsets but is not new data.
        if (!appended.IsDuplicate)
        {
            _topics.Produced(topic, data.Records.Length, validation.Header.RecordCount);
        }
    }

    private void Fail(ProduceResponse.PartitionProduceResponse result, ErrorCode error, string? message)
    {
        result.ErrorCode = (short)error;
        result.ErrorMessage = message;
        result.BaseOffset = -1;
        _requests.RecordError("Produce", error);
    }
}
