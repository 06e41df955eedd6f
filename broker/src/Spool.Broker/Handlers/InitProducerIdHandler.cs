using Spool.Broker.Network;
using Spool.Broker.Producers;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Handlers;

/// <summary>
/// InitProducerId for idempotent producers: a fresh producer id with epoch 0 (Kafka gives idempotent,
/// non-transactional producers a new id rather than bumping the epoch). Transactions are not supported:
/// a transactional id is answered with TRANSACTIONAL_ID_AUTHORIZATION_FAILED, a fatal error clients report
/// at once instead of retrying forever.
/// </summary>
public sealed class InitProducerIdHandler : RequestHandler<InitProducerIdRequest, InitProducerIdResponse>
{
    private readonly ProducerIdManager _ids;

    public InitProducerIdHandler(ProducerIdManager ids) => _ids = ids;

    protected override async ValueTask<InitProducerIdResponse?> HandleAsync(RequestContext context, InitProducerIdRequest request, CancellationToken cancellationToken)
    {
        if (request.TransactionalId is not null)
        {
            return new InitProducerIdResponse { ErrorCode = (short)ErrorCode.TransactionalIdAuthorizationFailed, ProducerId = -1, ProducerEpoch = -1 };
        }

        return new InitProducerIdResponse { ProducerId = await _ids.NextAsync(cancellationToken), ProducerEpoch = 0 };
    }
}
