namespace Spool.Protocol;

/// <summary>
/// A frame or field could not be decoded: truncated input, a length out of range, a null where the
/// protocol forbids one. Servers answer with the API's error (or close the connection); they never crash.
/// </summary>
public sealed class KafkaProtocolException : Exception
{
    public KafkaProtocolException(string message)
        : base(message)
    {
    }

    public KafkaProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
