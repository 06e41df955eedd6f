using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Spool.Protocol;

namespace Spool.Client.Network;

/// <summary>
/// One TCP connection to a broker: length-prefixed frames, correlation ids, any number of requests in flight
/// (Kafka brokers answer each connection's requests in order, so responses are matched first-in first-out
/// and the correlation id is verified), per-request timeouts, and the ApiVersions handshake that fixes
/// which version of each API is used.
/// </summary>
internal sealed partial class KafkaConnection : IAsyncDisposable
{
    private const int CorrelationIdOffset = 8; // length prefix (4) + api key (2) + api version (2)

    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _stateLock = new();
    private readonly Queue<PendingRequest> _inFlight = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private readonly string _clientId;
    private readonly int _maxResponseBytes;
    private int _nextCorrelationId;
    private Exception? _closeReason;
    private Task _readLoop = Task.CompletedTask;

    private KafkaConnection(Socket socket, BrokerEndpoint endpoint, ClientOptions options, ILogger logger)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
        Endpoint = endpoint;
        RequestTimeout = options.RequestTimeout;
        _logger = logger;
        _clientId = options.ClientId;
        _maxResponseBytes = options.MaxResponseBytes;
    }

    public BrokerEndpoint Endpoint { get; }

    public TimeSpan RequestTimeout { get; }

    /// <summary>The broker's API versions, known once the handshake completed.</summary>
    public ApiVersionSet Versions { get; private set; } = ApiVersionSet.Empty;

    public bool IsOpen => Volatile.Read(ref _closeReason) is null;

    /// <summary>Requests written and still waiting for their response.</summary>
    public int InFlightCount
    {
        get
        {
            lock (_stateLock)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>Completes when the connection is closed, for whatever reason.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Connects (through the address mapper), starts reading and performs the ApiVersions handshake.</summary>
    public static async Task<KafkaConnection> OpenAsync(BrokerEndpoint endpoint, ClientOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var (host, port) = options.AddressMapper?.Invoke(endpoint.Host, endpoint.Port) ?? (endpoint.Host, endpoint.Port);
        using var setup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        setup.CancelAfter(options.SocketConnectionSetupTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (options.SendBufferBytes > 0)
        {
            socket.SendBufferSize = options.SendBufferBytes;
        }

        if (options.ReceiveBufferBytes > 0)
        {
            socket.ReceiveBufferSize = options.ReceiveBufferBytes;
        }

        try
        {
            await socket.ConnectAsync(host, port, setup.Token);
        }
        catch (Exception e)
        {
            socket.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            var why = e is OperationCanceledException ? $"timed out after {options.SocketConnectionSetupTimeout}" : e.Message;
            throw new KafkaException(ErrorCode.NetworkException, $"could not connect to {host}:{port} for {endpoint}: {why}", e);
        }

        var connection = new KafkaConnection(socket, endpoint, options, logger);
        connection.Start();
        try
        {
            await connection.HandshakeAsync(setup.Token);
        }
        catch (Exception e)
        {
            await connection.DisposeAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (e is OperationCanceledException)
            {
                throw new KafkaException(ErrorCode.NetworkException, $"ApiVersions handshake with {endpoint} timed out after {options.SocketConnectionSetupTimeout}", e);
            }

            throw;
        }

        logger.LogDebug("Connected to {Endpoint} at {Host}:{Port}", endpoint, host, port);
        return connection;
    }

    /// <summary>The version to use for <paramref name="key"/>: the highest both sides speak, at most <paramref name="maxVersion"/>.</summary>
    public short NegotiateVersion(ApiKey key, short? maxVersion = null) => Versions.Negotiate(key, maxVersion);

    /// <summary>Sends a request at the given version and waits for its response (at most the request timeout).</summary>
    public Task<TResponse> SendAsync<TRequest, TResponse>(TRequest request, short version, CancellationToken cancellationToken, TimeSpan? timeout = null)
        where TRequest : IKafkaRequest<TRequest, TResponse>
        where TResponse : IKafkaResponse<TResponse> =>
        SendCoreAsync(request, TRequest.ApiKey, version, static (ref KafkaReader reader, short v) => TResponse.Read(ref reader, v), timeout ?? RequestTimeout, cancellationToken);

    /// <summary>Sends a request at the negotiated version and waits for its response.</summary>
    public Task<TResponse> SendAsync<TRequest, TResponse>(TRequest request, CancellationToken cancellationToken)
        where TRequest : IKafkaRequest<TRequest, TResponse>
        where TResponse : IKafkaResponse<TResponse> =>
        SendAsync<TRequest, TResponse>(request, NegotiateVersion(TRequest.ApiKey), cancellationToken);

    /// <summary>
    /// Writes a request that gets no response (Produce with acks=0): it completes once the bytes are handed to
    /// the socket.
    /// </summary>
    public Task SendWithoutResponseAsync(IKafkaRequest request, short version, CancellationToken cancellationToken) =>
        WriteAsync(request, version, pending: null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Close(new KafkaException(ErrorCode.NetworkException, $"connection to {Endpoint} was closed by the client"));
        try
        {
            await _readLoop;
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Read loop of {Endpoint} ended with an error", Endpoint);
        }
    }

    internal async Task<T> SendCoreAsync<T>(IKafkaRequest request, ApiKey api, short version, ResponseReader<T> read, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = new PendingRequest<T>(api, version, read);
        await WriteAsync(request, version, pending, cancellationToken);
        try
        {
            return await pending.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Responses come back in order, so nothing behind a request that got no answer can complete
            // either: like the Java client, treat the broker as unreachable and drop the connection.
            var error = new KafkaException(ErrorCode.RequestTimedOut, $"{api} v{version} to {Endpoint} got no response within {timeout}");
            Close(error);
            throw error;
        }
    }

    private void Start() => _readLoop = Task.Run(ReadLoopAsync);

    private async Task WriteAsync(IKafkaRequest request, short version, PendingRequest? pending, CancellationToken cancellationToken)
    {
        var api = request.Api;
        using var frame = new KafkaWriter(256);
        var lengthAt = frame.ReserveInt32();
        new RequestHeader
        {
            ApiKey = api,
            ApiVersion = version,
            ClientId = _clientId,
            HeaderVersion = ApiCatalog.Get(api).RequestHeaderVersion(version),
        }.Write(frame);
        request.Write(frame, version);
        frame.PatchInt32(lengthAt, frame.Length - 4);

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ThrowIfClosed();
            var correlationId = _nextCorrelationId;
            _nextCorrelationId = correlationId == int.MaxValue ? 0 : correlationId + 1;
            frame.PatchInt32(CorrelationIdOffset, correlationId);
            if (pending is not null)
            {
                pending.CorrelationId = correlationId;
                lock (_stateLock)
                {
                    _inFlight.Enqueue(pending);
                }
            }

            // The caller's token is not used past this point: a write abandoned half-way would corrupt the stream.
            _output.Write(frame.WrittenSpan);
            var flush = await _output.FlushAsync(_lifetime.Token);
            if (flush.IsCompleted)
            {
                throw new KafkaException(ErrorCode.NetworkException, $"connection to {Endpoint} closed while writing");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || _lifetime.IsCancellationRequested)
        {
            var error = Volatile.Read(ref _closeReason) ?? (e as KafkaException)
                ?? new KafkaException(ErrorCode.NetworkException, $"writing to {Endpoint} failed: {e.Message}", e);
            Close(error);
            throw error;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Close(Exception reason)
    {
        PendingRequest[] orphans;
        lock (_stateLock)
        {
            if (_closeReason is not null)
            {
                return;
            }

            Volatile.Write(ref _closeReason, reason);
            orphans = [.. _inFlight];
            _inFlight.Clear();
        }

        _logger.LogDebug("Connection to {Endpoint} closed: {Reason}", Endpoint, reason.Message);
        _lifetime.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
        var failure = reason as KafkaException is { IsRetriable: true } ? reason : new KafkaException(ErrorCode.NetworkException, reason.Message, reason);
        foreach (var orphan in orphans)
        {
            orphan.Fail(failure);
        }

        _closed.TrySetResult();
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closeReason) is { } reason)
        {
            throw reason as KafkaException is { IsRetriable: true } ? reason : new KafkaException(ErrorCode.NetworkException, reason.Message, reason);
        }
    }
}
