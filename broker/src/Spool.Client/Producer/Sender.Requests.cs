using Microsoft.Extensions.Logging;
using Spool.Client.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Producer;

/// <summary>Produce requests and the handling of their responses.</summary>
internal sealed partial class Sender
{
    private async Task SendAsync(int node, KafkaConnection connection, List<ProducerBatch> batches)
    {
        try
        {
            var request = new ProduceRequest
            {
                Acks = (short)_options.Acks,
                TimeoutMs = (int)Math.Min(int.MaxValue, _options.RequestTimeout.TotalMilliseconds),
                TopicData = [.. batches.GroupBy(b => b.Partition.Topic).Select(g => new ProduceRequest.TopicProduceData
                {
                    Name = g.Key,
                    PartitionData = [.. g.Select(b => new ProduceRequest.PartitionProduceData { Index = b.Partition.Partition, Records = b.Encoded! })],
                })],
            };
            var version = connection.NegotiateVersion(ApiKey.Produce);
            if (_options.Acks == Acks.None)
            {
                await connection.SendWithoutResponseAsync(request, version, CancellationToken.None);
                foreach (var batch in batches)
                {
                    Succeed(batch, -1, -1);
                }

                return;
            }

            var response = await connection.SendAsync<ProduceRequest, ProduceResponse>(request, version, CancellationToken.None);
            var results = response.Responses
                .SelectMany(t => t.PartitionResponses.Select(p => (Partition: new TopicPartition(t.Name, p.Index), Response: p)))
                .ToDictionary(r => r.Partition, r => r.Response);
            foreach (var batch in batches)
            {
                if (!results.TryGetValue(batch.Partition, out var result))
                {
                    HandleError(batch, ErrorCode.UnknownServerError, "the produce response did not mention the partition");
                }
                else if (result.ErrorCode == 0)
                {
                    Succeed(batch, result.BaseOffset, result.LogAppendTimeMs);
                }
                else if (result.ErrorCode == (short)ErrorCode.DuplicateSequenceNumber)
                {
                    // The broker already has this batch (a retry of one that was written): delivered, offset unknown.
                    Succeed(batch, -1, -1);
                }
                else
                {
                    var detail = result.ErrorMessage ?? string.Join("; ", result.RecordErrors.Select(r => $"record {r.BatchIndex}: {r.BatchIndexErrorMessage}"));
                    HandleError(batch, (ErrorCode)result.ErrorCode, string.IsNullOrEmpty(detail) ? null : detail);
                }
            }
        }
        catch (KafkaException e)
        {
            foreach (var batch in batches)
            {
                HandleError(batch, e.Error, e.ServerMessage ?? e.Message);
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Produce request to node {Node} failed", node);
            foreach (var batch in batches)
            {
                HandleError(batch, ErrorCode.UnknownServerError, e.Message);
            }
        }
        finally
        {
            AddInFlight(node, -1);
            Wake();
        }
    }

    private void Succeed(ProducerBatch batch, long baseOffset, long logAppendTime)
    {
        batch.Complete(baseOffset, logAppendTime);
        Release(batch);
    }

    private void Finish(ProducerBatch batch, KafkaException error)
    {
        batch.Fail(error);
        Release(batch);
    }

    private void Release(ProducerBatch batch)
    {
        _accumulator.Completed(batch);
        _accumulator.Unmute(batch.Partition);
        _memory.Release(batch.ReservedBytes);
    }

    private void HandleError(ProducerBatch batch, ErrorCode error, string? message)
    {
        var now = Environment.TickCount64;
        var sequenceError = _options.EnableIdempotence
            && error is ErrorCode.OutOfOrderSequenceNumber or ErrorCode.UnknownProducerId or ErrorCode.InvalidProducerEpoch;
        var withinTime = now - batch.CreatedAt < (long)_options.DeliveryTimeout.TotalMilliseconds;
        if ((KafkaErrors.IsRetriable(error) || sequenceError) && batch.Attempts < _options.Retries && withinTime && FatalError is null)
        {
            if (KafkaErrors.InvalidatesMetadata(error))
            {
                _core.Metadata.RequestUpdate();
            }

            if (sequenceError && _identity is { } identity && batch.ProducerEpoch == identity.Epoch && batch.ProducerId == identity.ProducerId)
            {
                // The broker lost or rejected this producer's sequence state (KIP-360): take a new epoch, restart
                // sequences at zero; the batch is re-stamped when drained again.
                _needsEpochBump = true;
            }

            _logger.LogDebug("Retrying {Count} record(s) for {Partition} after {Error} (attempt {Attempt})", batch.RecordCount, batch.Partition, error, batch.Attempts + 1);
            batch.RetryAt = now + (long)_core.RetryBackoff.Delay(batch.Attempts).TotalMilliseconds;
            batch.Attempts++;
            _accumulator.Reenqueue(batch);
            _accumulator.Unmute(batch.Partition);
            return;
        }

        Finish(batch, new KafkaException(error, message is null ? $"produce to {batch.Partition}" : $"produce to {batch.Partition}: {message}"));
    }
}
