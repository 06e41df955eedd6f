using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Spool.Testing;

/// <summary>
/// A TCP proxy between Kafka clients and one broker that understands just enough of the protocol to lose a Produce
/// response on purpose: the request reaches the broker (which appends it), the response is swallowed and both
/// connections are closed, so the client retries a batch the broker already has. Point the broker's
/// advertised.listeners at <see cref="Port"/> so that clients route every request through the proxy. After a drop
/// armed with holdAfterDrop, new connections wait for <see cref="Release"/> before reaching the broker (to restart it
/// between the lost response and the retry).
/// </summary>
public sealed class KafkaFaultProxy : IAsyncDisposable
{
    private const short ProduceApiKey = 0;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly Task _acceptLoop;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _dropsArmed;
    private int _dropped;
    private int _held;
    private int _upstreamPort;

    private KafkaFaultProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _released.SetResult();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Produce responses swallowed so far.</summary>
    public int DroppedProduceResponses => Volatile.Read(ref _dropped);

    /// <summary>The broker port connections go to (settable: a restarted broker may listen elsewhere).</summary>
    public int UpstreamPort
    {
        get => Volatile.Read(ref _upstreamPort);
        set => Volatile.Write(ref _upstreamPort, value);
    }

    /// <summary>Starts a proxy on a loopback port of its own, forwarding to 127.0.0.1:<paramref name="upstreamPort"/>.</summary>
    public static KafkaFaultProxy Start(int upstreamPort) => new(upstreamPort);

    /// <summary>
    /// Swallows the responses of the next <paramref name="count"/> Produce requests (closing the connection each
    /// time); with <paramref name="holdAfterDrop"/> new connections then wait for <see cref="Release"/>.
    /// </summary>
    public void DropNextProduceResponses(int count, bool holdAfterDrop = false)
    {
        Volatile.Write(ref _held, holdAfterDrop ? 1 : 0);
        Volatile.Write(ref _dropsArmed, count);
    }

    /// <summary>Lets held connections through to the broker.</summary>
    public void Release()
    {
        Volatile.Write(ref _held, 0);
        _released.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Release();
        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(_connections.Keys);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            var connection = Task.Run(() => ServeAsync(client));
            _connections[connection] = 0;
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            await Volatile.Read(ref _released).Task;
            using var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, UpstreamPort, _stopping.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                return;
            }

            using var session = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var apiKeys = new ConcurrentDictionary<int, short>();
            var requests = PumpAsync(client.GetStream(), upstream.GetStream(), isRequest: true, apiKeys, session);
            var responses = PumpAsync(upstream.GetStream(), client.GetStream(), isRequest: false, apiKeys, session);
            await Task.WhenAny(requests, responses);
            await session.CancelAsync();
            client.Client.Close();
            upstream.Client.Close();
            await Task.WhenAll(requests, responses);
        }
    }

    /// <summary>Copies whole frames from <paramref name="from"/> to <paramref name="to"/>; returns when either side closes or a response is dropped.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool isRequest, ConcurrentDictionary<int, short> apiKeys, CancellationTokenSource session)
    {
        var sizeBuffer = new byte[4];
        try
        {
            while (true)
            {
                await from.ReadExactlyAsync(sizeBuffer, session.Token);
                var size = BinaryPrimitives.ReadInt32BigEndian(sizeBuffer);
                var frame = new byte[4 + size];
                sizeBuffer.CopyTo(frame, 0);
                await from.ReadExactlyAsync(frame.AsMemory(4, size), session.Token);
                if (isRequest && size >= 8)
                {
                    // Request header: api key int16, api version int16, correlation id int32.
                    apiKeys[BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(8))] = BinaryPrimitives.ReadInt16BigEndian(frame.AsSpan(4));
                }
                else if (!isRequest && size >= 4 && apiKeys.TryRemove(BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(4)), out var apiKey) && apiKey == ProduceApiKey && TryTakeDrop())
                {
                    if (Volatile.Read(ref _held) == 1)
                    {
                        Interlocked.Exchange(ref _released, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                    }

                    Interlocked.Increment(ref _dropped);
                    return;
                }

                await to.WriteAsync(frame, session.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or EndOfStreamException or SocketException)
        {
        }
    }

    private bool TryTakeDrop()
    {
        while (true)
        {
            var armed = Volatile.Read(ref _dropsArmed);
            if (armed <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _dropsArmed, armed - 1, armed) == armed)
            {
                return true;
            }
        }
    }
}
