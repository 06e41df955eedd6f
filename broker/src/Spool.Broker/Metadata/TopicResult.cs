using Spool.Protocol;

namespace Spool.Broker.Metadata;

/// <summary>The outcome of a topic operation: an error code with Kafka's message, and the topic when it exists.</summary>
public sealed record TopicResult(ErrorCode Error, string? Message, TopicImage? Topic = null)
{
    public static TopicResult Ok(TopicImage topic) => new(ErrorCode.None, null, topic);

    public static TopicResult Fail(ErrorCode error, string message) => new(error, message);
}
