namespace Spool.Protocol;

/// <summary>Any response.</summary>
public interface IKafkaResponse : IKafkaMessage
{
    ApiKey Api { get; }
}

/// <summary>A response type that can be decoded at any of its versions.</summary>
public interface IKafkaResponse<TSelf> : IKafkaResponse, IKafkaMessage<TSelf>
    where TSelf : IKafkaResponse<TSelf>
{
    static abstract ApiKey ApiKey { get; }
}
