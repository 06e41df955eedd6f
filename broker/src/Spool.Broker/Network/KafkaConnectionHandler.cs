using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Spool.Broker.Configuration;

namespace Spool.Broker.Network;

/// <summary>
/// One Kafka client connection (Kestrel/Bedrock style): frames are parsed off the pipe and handled one
/// at a time, in order, so responses leave in request order while the client keeps many requests in
/// flight. Back-pressure comes from not reading the pipe while a request is being handled.
/// </summary>
public sealed class KafkaConnectionHandler : ConnectionHandler
{
    private readonly RequestDispatcher _dispatcher;
    private readonly BrokerConfig _config;
    private readonly ILogger<KafkaConnectionHandler> _logger;
    private readonly ConnectionMetrics _connections;

    public KafkaConnectionHandler(RequestDispatcher dispatcher, BrokerConfig config, ConnectionMetrics connections, ILogger<KafkaConnectionHandler> logger)
    {
        _dispatcher = dispatcher;
        _config = config;
        _logger = logger;
        _connections = connections;
    }

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var listener = connection.Items.TryGetValue(ListenerNameItem, out var name) ? (string?)name ?? "PLAINTEXT" : "PLAINTEXT";
        var session = new ClientSession(listener, connection.RemoteEndPoint);
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        var maxSize = _config.SocketRequestMaxBytes;
        var ct = connection.ConnectionClosed;
        _connections.Opened(listener);

        // On shutdown Kestrel asks connections to close; stop reading (requests already buffered are still
        // answered) so the broker exits at once instead of waiting for idle clients, as Kafka closes them.
        using var closeRequested = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?
            .ConnectionClosedRequested.Register(() => input.CancelPendingRead());
        try
        {
            while (true)
            {
                // No cancellation token here: Kestrel cancels ConnectionClosed as soon as the client closes,
                // but requests it sent before closing are already in the pipe and must still be handled
                // (acks=0 producers close right after sending). The pipe completes when nothing is left.
                var result = await input.ReadAsync();
                var buffer = result.Buffer;
                var close = false;
                while (true)
                {
                    var parsed = FrameParser.TryParse(ref buffer, maxSize, out var frame, out var size);
                    if (parsed == FrameParser.Result.Incomplete)
                    {
                        break;
                    }

                    if (parsed == FrameParser.Result.Invalid)
                    {
                        _logger.LogInformation(
                            "Closing connection {Session} from {Remote}: request size {Size} is outside 10..{Max} (socket.request.max.bytes)",
                            session.Id, session.RemoteEndPoint, size, maxSize);
                        close = true;
                        break;
                    }

                    // The frame is copied so that handlers may keep slices of it (record batches) for the
                    // duration of the request and patch them in place, whatever the pipe's segmentation.
                    var rented = ArrayPool<byte>.Shared.Rent(size);
                    try
                    {
                        frame.CopyTo(rented);
                        if (!await _dispatcher.ProcessAsync(session, rented.AsMemory(0, size), output, ct))
                        {
                            close = true;
                            break;
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(rented);
                    }
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (close || result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ConnectionResetException)
        {
        }
        catch (IOException e)
        {
            _logger.LogDebug(e, "Connection {Session} I/O error", session.Id);
        }
        finally
        {
            _connections.Closed(listener);
            await input.CompleteAsync();
            await output.CompleteAsync();
        }
    }

    /// <summary>Key of the connection item that carries the Kafka listener name.</summary>
    public const string ListenerNameItem = "spool.listener";
}
