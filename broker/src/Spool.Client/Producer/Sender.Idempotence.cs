using Microsoft.Extensions.Logging;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Producer;

/// <summary>The idempotent producer's id and epoch (InitProducerId), including the epoch bump of KIP-360.</summary>
internal sealed partial class Sender
{
    private ProducerIdentity? _identity;
    private volatile bool _needsEpochBump;
    private long _nextIdAttempt;
    private int _idFailures;

    /// <summary>Whether batches can be drained: a producer id is known and no epoch bump is pending.</summary>
    private async Task<bool> EnsureProducerIdAsync(long now)
    {
        if (_identity is not null && !_needsEpochBump)
        {
            return true;
        }

        // Bump only once nothing is in flight, so no batch of the old epoch can land after the new epoch's first.
        if ((_needsEpochBump && TotalInFlight > 0) || now < _nextIdAttempt || FatalError is not null)
        {
            return false;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout);
            var connection = await _core.ConnectToAnyAsync(timeout.Token);
            var version = connection.NegotiateVersion(ApiKey.InitProducerId);
            var bump = _needsEpochBump && _identity is not null && version >= 3;
            var response = await connection.SendAsync<InitProducerIdRequest, InitProducerIdResponse>(new InitProducerIdRequest
            {
                TransactionalId = null,
                TransactionTimeoutMs = (int)Math.Min(int.MaxValue, _options.TransactionTimeout.TotalMilliseconds),
                ProducerId = bump ? _identity!.ProducerId : -1,
                ProducerEpoch = bump ? _identity!.Epoch : (short)-1,
            }, version, timeout.Token);
            KafkaException.ThrowIfError(response.ErrorCode, context: "InitProducerId");
            _identity = new ProducerIdentity(response.ProducerId, response.ProducerEpoch);
            _accumulator.ResetSequences();
            _needsEpochBump = false;
            _idFailures = 0;
            _logger.LogDebug("Producer id {ProducerId} epoch {Epoch}", response.ProducerId, response.ProducerEpoch);
            return true;
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            if (e is KafkaException { IsRetriable: false } fatal)
            {
                _logger.LogError("Idempotent producer cannot get a producer id: {Error}", fatal.Message);
                FatalError = fatal;
                FailExpired(now);
                return false;
            }

            _nextIdAttempt = now + (long)_core.RetryBackoff.Delay(_idFailures++).TotalMilliseconds;
            _logger.LogDebug("InitProducerId failed: {Error}", e.Message);
            return false;
        }
    }
}
