using Spool.Protocol;

namespace Spool.Broker.Network;

/// <summary>Typed base for handlers of one request/response pair.</summary>
public abstract class RequestHandler<TRequest, TResponse> : IRequestHandler
    where TRequest : class, IKafkaRequest<TRequest, TResponse>
    where TResponse : class, IKafkaResponse<TResponse>
{
    public ApiKey Key => TRequest.ApiKey;

    public async ValueTask<IKafkaResponse?> HandleAsync(RequestContext context, IKafkaRequest request, CancellationToken cancellationToken) =>
        await HandleAsync(context, (TRequest)request, cancellationToken);

    protected abstract ValueTask<TResponse?> HandleAsync(RequestContext context, TRequest request, CancellationToken cancellationToken);
}
