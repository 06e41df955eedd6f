namespace Spool.Protocol.Records;

/// <summary>
/// A record batch could not be read: corrupt, truncated inside a batch, an unsupported format or codec. Carries
/// the Kafka error that describes it. The validator never throws this; the reader (for tools, clients and
/// the group coordinator) does.
/// </summary>
public sealed class RecordFormatException : Exception
{
    public RecordFormatException()
        : this(ErrorCode.CorruptMessage, "corrupt record batch")
    {
    }

    public RecordFormatException(string message)
        : this(ErrorCode.CorruptMessage, message)
    {
    }

    public RecordFormatException(string message, Exception inner)
        : base(message, inner)
    {
        Error = ErrorCode.CorruptMessage;
    }

    public RecordFormatException(ErrorCode error, string message)
        : base(message)
    {
        Error = error;
    }

    public ErrorCode Error { get; }
}
