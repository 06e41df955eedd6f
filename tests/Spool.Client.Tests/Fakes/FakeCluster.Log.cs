using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Protocol.Records;

namespace Spool.Client.Tests.Fakes;

/// <summary>Produce, fetch, offset look-ups, record deletion and producer ids.</summary>
public sealed partial class FakeCluster
{
    private readonly Dictionary<long, short> _producerEpochs = [];

    /// <summary>When positive, fetch answers end with this many bytes of the next batch (as brokers may send).</summary>
    public int TruncatedTailBytes { get; set; }

    private ProduceResponse? Produce(int node, ProduceRequest request)
    {
        var response = new ProduceResponse();
        lock (_lock)
        {
            foreach (var topicData in request.TopicData)
            {
                var topicResponse = new ProduceResponse.TopicProduceResponse { Name = topicData.Name };
                foreach (var data in topicData.PartitionData)
                {
                    var (error, offset) = Append(node, topicData.Name, data.Index, data.Records);
                    topicResponse.PartitionResponses.Add(new ProduceResponse.PartitionProduceResponse { Index = data.Index, ErrorCode = (short)error, BaseOffset = offset });
                }

                response.Responses.Add(topicResponse);
            }
        }

        return request.Acks == 0 ? null : response;
    }

    private (ErrorCode Error, long Offset) Append(int node, string topicName, int index, ReadOnlyMemory<byte> records)
    {
        if (!Topics.TryGetValue(topicName, out var topic) || index >= topic.Partitions.Count)
        {
            return (ErrorCode.UnknownTopicOrPartition, -1);
        }

        var partition = topic.Partitions[index];
        if (partition.Leader != node)
        {
            return (ErrorCode.NotLeaderOrFollower, -1);
        }

        long first = -1;
        foreach (var batch in RecordBatchReader.ReadBatches(records))
        {
            if (!batch.IsCrcValid)
            {
                return (ErrorCode.CorruptMessage, -1);
            }

            var header = batch.Header;
            if (header.ProducerId >= 0)
            {
                if (partition.Producers.TryGetValue(header.ProducerId, out var state))
                {
                    if (header.ProducerEpoch < state.Epoch)
                    {
                        return (ErrorCode.InvalidProducerEpoch, -1);
                    }

                    if (header.ProducerEpoch == state.Epoch && state.OffsetsBySequence.TryGetValue(header.BaseSequence, out var original))
                    {
                        // A duplicate: answer with where it went the first time.
                        first = first < 0 ? original : first;
                        continue;
                    }

                    var expected = header.ProducerEpoch > state.Epoch ? 0 : state.LastSequence + 1;
                    if (header.BaseSequence != expected)
                    {
                        return (ErrorCode.OutOfOrderSequenceNumber, -1);
                    }
                }
                else if (header.BaseSequence != 0)
                {
                    return (ErrorCode.UnknownProducerId, -1);
                }
            }

            var offset = partition.Append(batch.Memory.Span);
            first = first < 0 ? offset : first;
            if (header.ProducerId >= 0)
            {
                var known = partition.Producers.TryGetValue(header.ProducerId, out var state) && state.Epoch == header.ProducerEpoch
                    ? state.OffsetsBySequence
                    : [];
                known[header.BaseSequence] = offset;
                partition.Producers[header.ProducerId] = (header.ProducerEpoch, header.BaseSequence + header.RecordCount - 1, known);
            }
        }

        return (ErrorCode.None, first);
    }

    private async Task<FetchResponse> FetchAsync(int node, FetchRequest request, short version)
    {
        var deadline = Environment.TickCount64 + request.MaxWaitMs;
        while (true)
        {
            var waits = new List<Task>();
            var response = new FetchResponse();
            var bytes = 0;
            var errors = false;
            lock (_lock)
            {
                foreach (var fetchTopic in request.Topics)
                {
                    var topic = version >= 13 ? Topics.Values.FirstOrDefault(t => t.Id == fetchTopic.TopicId) : Topics.GetValueOrDefault(fetchTopic.Topic);
                    var topicResponse = new FetchResponse.FetchableTopicResponse { Topic = fetchTopic.Topic, TopicId = fetchTopic.TopicId };
                    foreach (var fp in fetchTopic.Partitions)
                    {
                        var data = new FetchResponse.PartitionData { PartitionIndex = fp.Partition };
                        var partition = topic is not null && fp.Partition < topic.Partitions.Count ? topic.Partitions[fp.Partition] : null;
                        if (partition is null)
                        {
                            data.ErrorCode = (short)(version >= 13 ? ErrorCode.UnknownTopicId : ErrorCode.UnknownTopicOrPartition);
                        }
                        else if (partition.Leader != node)
                        {
                            data.ErrorCode = (short)ErrorCode.NotLeaderOrFollower;
                        }
                        else if (fp.FetchOffset < partition.LogStartOffset || fp.FetchOffset > partition.NextOffset)
                        {
                            data.ErrorCode = (short)ErrorCode.OffsetOutOfRange;
                        }
                        else
                        {
                            var records = partition.Read(fp.FetchOffset, Math.Min(fp.PartitionMaxBytes, Math.Max(1, request.MaxBytes - bytes)));
                            if (TruncatedTailBytes > 0 && records.Length > 0)
                            {
                                records = WithTruncatedTail(partition, records);
                            }

                            data.Records = records;
                            bytes += records.Length;
                            waits.Add(partition.Appended);
                        }

                        errors |= data.ErrorCode != 0;
                        data.HighWatermark = partition?.NextOffset ?? -1;
                        data.LastStableOffset = partition?.NextOffset ?? -1;
                        data.LogStartOffset = partition?.LogStartOffset ?? -1;
                        topicResponse.Partitions.Add(data);
                    }

                    response.Responses.Add(topicResponse);
                }
            }

            var left = deadline - Environment.TickCount64;
            if (bytes >= Math.Max(1, request.MinBytes) || errors || left <= 0 || waits.Count == 0)
            {
                return response;
            }

            await Task.WhenAny(Task.WhenAny(waits), Task.Delay(TimeSpan.FromMilliseconds(left)));
        }
    }

    private byte[] WithTruncatedTail(FakePartition partition, byte[] records)
    {
        var returned = RecordBatchReader.ReadBatches(records).GetEnumerator();
        long last = -1;
        while (returned.MoveNext())
        {
            last = returned.Current.Header.LastOffset;
        }

        var next = partition.Batches.FirstOrDefault(b => RecordBatchHeader.TryRead(b, out var h) && h.BaseOffset > last);
        return next is null ? records : [.. records, .. next.AsSpan(0, Math.Min(TruncatedTailBytes, next.Length - 1))];
    }

    private ListOffsetsResponse ListOffsets(int node, ListOffsetsRequest request)
    {
        lock (_lock)
        {
            var response = new ListOffsetsResponse();
            foreach (var t in request.Topics)
            {
                var topicResponse = new ListOffsetsResponse.ListOffsetsTopicResponse { Name = t.Name };
                foreach (var p in t.Partitions)
                {
                    var result = new ListOffsetsResponse.ListOffsetsPartitionResponse { PartitionIndex = p.PartitionIndex };
                    if (!Topics.TryGetValue(t.Name, out var topic) || p.PartitionIndex >= topic.Partitions.Count)
                    {
                        result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    }
                    else if (topic.Partitions[p.PartitionIndex].Leader != node)
                    {
                        result.ErrorCode = (short)ErrorCode.NotLeaderOrFollower;
                    }
                    else
                    {
                        var partition = topic.Partitions[p.PartitionIndex];
                        (result.Offset, result.Timestamp) = p.Timestamp switch
                        {
                            -2 => (partition.LogStartOffset, -1L),
                            -1 => (partition.NextOffset, -1L),
                            -3 => partition.MaxTimestamp(),
                            _ => partition.OffsetForTime(p.Timestamp),
                        };
                        result.LeaderEpoch = partition.LeaderEpoch;
                    }

                    topicResponse.Partitions.Add(result);
                }

                response.Topics.Add(topicResponse);
            }

            return response;
        }
    }

    private DeleteRecordsResponse DeleteRecords(int node, DeleteRecordsRequest request)
    {
        lock (_lock)
        {
            var response = new DeleteRecordsResponse();
            foreach (var t in request.Topics)
            {
                var topicResult = new DeleteRecordsResponse.DeleteRecordsTopicResult { Name = t.Name };
                foreach (var p in t.Partitions)
                {
                    var result = new DeleteRecordsResponse.DeleteRecordsPartitionResult { PartitionIndex = p.PartitionIndex, LowWatermark = -1 };
                    var partition = Topics.TryGetValue(t.Name, out var topic) && p.PartitionIndex < topic.Partitions.Count ? topic.Partitions[p.PartitionIndex] : null;
                    if (partition is null)
                    {
                        result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    }
                    else if (partition.Leader != node)
                    {
                        result.ErrorCode = (short)ErrorCode.NotLeaderOrFollower;
                    }
                    else
                    {
                        var target = p.Offset == -1 ? partition.NextOffset : p.Offset;
                        if (target > partition.NextOffset)
                        {
                            result.ErrorCode = (short)ErrorCode.OffsetOutOfRange;
                        }
                        else
                        {
                            partition.LogStartOffset = Math.Max(partition.LogStartOffset, target);
                            result.LowWatermark = partition.LogStartOffset;
                        }
                    }

                    topicResult.Partitions.Add(result);
                }

                response.Topics.Add(topicResult);
            }

            return response;
        }
    }

    private InitProducerIdResponse InitProducerId(InitProducerIdRequest request)
    {
        lock (_lock)
        {
            if (request.ProducerId >= 0 && _producerEpochs.TryGetValue(request.ProducerId, out var epoch))
            {
                if (request.ProducerEpoch != epoch)
                {
                    return new InitProducerIdResponse { ErrorCode = (short)ErrorCode.InvalidProducerEpoch };
                }

                _producerEpochs[request.ProducerId] = (short)(epoch + 1);
                return new InitProducerIdResponse { ProducerId = request.ProducerId, ProducerEpoch = (short)(epoch + 1) };
            }

            var id = _nextProducerId++;
            _producerEpochs[id] = 0;
            return new InitProducerIdResponse { ProducerId = id, ProducerEpoch = 0 };
        }
    }
}
