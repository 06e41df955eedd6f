using Spool.Protocol;

namespace Spool.Client;

/// <summary>
/// A Kafka error: the <see cref="Error"/> code (from a broker response, or raised by the client for network
/// failures and timeouts) and the broker's own message when it sent one.
/// </summary>
public class KafkaException : Exception
{
    private readonly bool? _retriable;

    public KafkaException(ErrorCode error, string? serverMessage = null, Exception? inner = null)
        : base(BuildMessage(error, serverMessage), inner)
    {
        Error = error;
        ServerMessage = serverMessage;
    }

    /// <summary>An error whose retriability the client decided (e.g. a topic that fresh metadata says does not exist).</summary>
    internal KafkaException(ErrorCode error, string? serverMessage, bool retriable)
        : this(error, serverMessage)
    {
        _retriable = retriable;
    }

    public ErrorCode Error { get; }

    /// <summary>The broker's error message, or the client's explanation when the client raised the error.</summary>
    public string? ServerMessage { get; }

    /// <summary>Whether retrying the operation may succeed (Kafka's RetriableException family).</summary>
    public bool IsRetriable => _retriable ?? KafkaErrors.IsRetriable(Error);

    /// <summary>Throws when <paramref name="error"/> is not <see cref="ErrorCode.None"/>.</summary>
    public static void ThrowIfError(short error, string? message = null, string? context = null)
    {
        if (error != 0)
        {
            throw new KafkaException((ErrorCode)error, context is null ? message : message is null ? context : $"{context}: {message}");
        }
    }

    private static string BuildMessage(ErrorCode error, string? serverMessage) =>
        string.IsNullOrEmpty(serverMessage) ? KafkaErrors.Name(error) : $"{KafkaErrors.Name(error)}: {serverMessage}";
}
