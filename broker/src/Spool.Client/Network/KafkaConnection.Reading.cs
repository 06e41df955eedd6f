using System.Buffers;
using System.Buffers.Binary;
using Spool.Protocol;

namespace Spool.Client.Network;

/// <summary>The read loop: frames off the socket, matched to the requests waiting for them.</summary>
internal sealed partial class KafkaConnection
{
    private async Task ReadLoopAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_lifetime.Token);
                var buffer = result.Buffer;
                while (TryReadFrame(ref buffer, out var frame))
                {
                    Dispatch(frame);
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    error = new KafkaException(ErrorCode.NetworkException, $"connection to {Endpoint} was closed by the broker");
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            error = e as KafkaException ?? new KafkaException(ErrorCode.NetworkException, $"reading from {Endpoint} failed: {e.Message}", e);
        }
        finally
        {
            await _input.CompleteAsync();
        }

        if (error is not null)
        {
            Close(error);
        }
    }

    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out byte[] frame)
    {
        frame = [];
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length < 4 || length > _maxResponseBytes)
        {
            throw new KafkaException(ErrorCode.NetworkException, $"{Endpoint} sent a frame of {length} bytes; is it a Kafka listener?");
        }

        if (buffer.Length - 4 < length)
        {
            return false;
        }

        // Copied out of the pipe: decoded responses keep slices of the frame (records), which must outlive the pipe's buffers.
        frame = buffer.Slice(4, length).ToArray();
        buffer = buffer.Slice(4 + length);
        return true;
    }

    private void Dispatch(byte[] frame)
    {
        var correlationId = BinaryPrimitives.ReadInt32BigEndian(frame);
        PendingRequest? pending;
        lock (_stateLock)
        {
            _inFlight.TryDequeue(out pending);
        }

        if (pending is null)
        {
            throw new KafkaException(ErrorCode.NetworkException, $"{Endpoint} sent a response (correlation id {correlationId}) to no request");
        }

        if (pending.CorrelationId != correlationId)
        {
            pending.Fail(new KafkaException(ErrorCode.NetworkException, $"{Endpoint} answered out of order"));
            throw new KafkaException(ErrorCode.NetworkException, $"{Endpoint} sent correlation id {correlationId} where {pending.CorrelationId} ({pending.Api}) was expected");
        }

        pending.Complete(frame);
    }
}
