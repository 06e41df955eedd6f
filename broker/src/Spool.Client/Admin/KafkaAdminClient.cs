using Spool.Client.Internal;
using Spool.Protocol;

namespace Spool.Client.Admin;

/// <summary>
/// Administers topics, configs, offsets, records, consumer groups and the cluster, like Java's <c>Admin</c>.
/// Batch operations return one result per item (check <see cref="IAdminResult.Error"/>, or call
/// <see cref="AdminResultExtensions.EnsureSuccess{T}(IReadOnlyList{T})"/>); single-item variants throw
/// <see cref="KafkaException"/>. Retriable errors are retried with backoff within <c>default.api.timeout.ms</c>.
/// </summary>
public sealed partial class KafkaAdminClient : IAsyncDisposable
{
    private readonly KafkaClientCore _core;
    private readonly AdminClientOptions _options;

    public KafkaAdminClient(AdminClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _core = new KafkaClientCore(options, "Spool.Client.Admin", allowAutoTopicCreation: false);
    }

    /// <summary>
    /// Sends any request (built for the negotiated version) to a broker — a node id, or the least loaded broker
    /// when null — for tools that need an API this client does not wrap. No retries.
    /// </summary>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(Func<short, TRequest> build, int? nodeId = null, CancellationToken cancellationToken = default)
        where TRequest : IKafkaRequest<TRequest, TResponse>
        where TResponse : IKafkaResponse<TResponse>
    {
        var connection = nodeId is { } id
            ? await _core.ConnectToNodeAsync(id, cancellationToken)
            : await _core.ConnectToAnyAsync(cancellationToken);
        return await KafkaClientCore.SendAsync<TRequest, TResponse>(connection, build, cancellationToken);
    }

    public ValueTask DisposeAsync() => _core.DisposeAsync();

    private TimeSpan TimeoutOf(AdminOperationOptions? options) => options?.Timeout ?? _options.DefaultApiTimeout;

    private static int Milliseconds(TimeSpan timeout) => (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);

    /// <summary>
    /// A per-item error of a topic, config or group operation. A broker answering UNKNOWN_TOPIC_OR_PARTITION for
    /// a named topic means it does not exist: final, as in the Java admin client, not worth retrying.
    /// </summary>
    private static KafkaException? Error(short code, string? message, string what)
    {
        if (code == 0)
        {
            return null;
        }

        var error = (ErrorCode)code;
        var text = string.IsNullOrEmpty(message) ? what : $"{what}: {message}";
        return error is ErrorCode.UnknownTopicOrPartition or ErrorCode.UnknownTopicId
            ? new KafkaException(error, text, retriable: false)
            : new KafkaException(error, text);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
