namespace Spool.Protocol;

/// <summary>Any request, for servers that dispatch on <see cref="Api"/>.</summary>
public interface IKafkaRequest : IKafkaMessage
{
    ApiKey Api { get; }
}

/// <summary>A request type paired with its response type, for typed clients.</summary>
public interface IKafkaRequest<TSelf, TResponse> : IKafkaRequest, IKafkaMessage<TSelf>
    where TSelf : IKafkaRequest<TSelf, TResponse>
    where TResponse : IKafkaResponse<TResponse>
{
    static abstract ApiKey ApiKey { get; }
}
