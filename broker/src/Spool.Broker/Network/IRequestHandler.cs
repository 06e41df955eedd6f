using Spool.Protocol;

namespace Spool.Broker.Network;

/// <summary>Serves one API. Returning null sends no response (Produce with acks=0).</summary>
public interface IRequestHandler
{
    ApiKey Key { get; }

    ValueTask<IKafkaResponse?> HandleAsync(RequestContext context, IKafkaRequest request, CancellationToken cancellationToken);
}
