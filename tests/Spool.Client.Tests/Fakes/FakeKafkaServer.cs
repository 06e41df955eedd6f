using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Fakes;

/// <summary>
/// A Kafka-protocol server on 127.0.0.1 (a port it picks) for client tests: it decodes each request with the
/// generated classes, answers ApiVersions itself (with the KIP-511 fallback) and hands every other request to
/// a handler. Requests on one connection are answered one after the other, in order, as brokers do.
/// </summary>
public sealed class FakeKafkaServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, TcpClient> _connections = new();
    private readonly Task _acceptLoop;
    private int _connectionCount;

    public FakeKafkaServer(FakeRequestHandler handler, int nodeId = 0)
    {
        Handler = handler;
        NodeId = nodeId;
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int NodeId { get; }

    public string Host => "127.0.0.1";

    /// <summary>The host name fake clusters advertise in metadata (clients map it back with an address mapper).</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string BootstrapServers => $"{Host}:{Port}";

    public FakeRequestHandler Handler { get; set; }

    /// <summary>The API versions announced; defaults to everything Spool.Protocol can decode.</summary>
    public Dictionary<ApiKey, (short Min, short Max)> SupportedVersions { get; } =
        ApiCatalog.All.ToDictionary(a => a.Key, a => (a.LowestVersion, a.HighestVersion));

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public IEnumerable<T> ReceivedOf<T>()
        where T : IKafkaRequest => Received.Select(r => r.Body).OfType<T>();

    /// <summary>Closes every open connection (clients must reconnect).</summary>
    public void DropConnections()
    {
        foreach (var (id, client) in _connections)
        {
            client.Dispose();
            _connections.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropConnections();
        try
        {
            await _acceptLoop;
        }
        catch (Exception)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            var id = Interlocked.Increment(ref _connectionCount);
            _connections[id] = client;
            _ = Task.Run(() => ServeAsync(id, client));
        }
    }

    private async Task ServeAsync(int connectionId, TcpClient client)
    {
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                var prefix = new byte[4];
                while (!_stop.IsCancellationRequested)
                {
                    await stream.ReadExactlyAsync(prefix, _stop.Token);
                    var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
                    await stream.ReadExactlyAsync(frame, _stop.Token);
                    var answer = await AnswerAsync(connectionId, frame);
                    if (answer is null)
                    {
                        continue;
                    }

                    if (answer.Length == 0)
                    {
                        return;
                    }

                    await stream.WriteAsync(answer, _stop.Token);
                }
            }
        }
        catch (Exception)
        {
            // The client went away or the test dropped the connection.
        }
        finally
        {
            _connections.TryRemove(connectionId, out _);
        }
    }

    /// <summary>The response frame, null for no response, or an empty array to close the connection.</summary>
    private async Task<byte[]?> AnswerAsync(int connectionId, byte[] frame)
    {
        var (key, version, _) = RequestHeader.PeekPrefix(frame);
        var info = ApiCatalog.Get(key);
        var reader = new KafkaReader(frame);
        var header = RequestHeader.Read(ref reader, info.IsSupported(version) ? info.RequestHeaderVersion(version) : (short)1);
        if (key == ApiKey.ApiVersions)
        {
            return ApiVersions(connectionId, header, frame);
        }

        if (!SupportedVersions.TryGetValue(key, out var range) || version < range.Min || version > range.Max)
        {
            Received.Enqueue(new ReceivedRequest(connectionId, header, null));
            return [];
        }

        var body = KafkaRequestDecoder.Decode(key, ref reader, version);
        Received.Enqueue(new ReceivedRequest(connectionId, header, body));
        var context = new FakeRequestContext(this, connectionId, header);
        var response = await Handler(context, body);
        if (context.CloseConnection)
        {
            return [];
        }

        return response is null ? null : Encode(header.CorrelationId, info.ResponseHeaderVersion(version), response, version);
    }

    private byte[] ApiVersions(int connectionId, RequestHeader header, byte[] frame)
    {
        var ours = SupportedVersions[ApiKey.ApiVersions];
        var response = new ApiVersionsResponse
        {
            ApiKeys = [.. SupportedVersions.Select(kv => new ApiVersionsResponse.ApiVersion { ApiKey = (short)kv.Key, MinVersion = kv.Value.Min, MaxVersion = kv.Value.Max })],
        };
        if (header.ApiVersion > ours.Max)
        {
            // KIP-511: answer at v0, with the error and the range this server does speak.
            Received.Enqueue(new ReceivedRequest(connectionId, header, null));
            response.ErrorCode = (short)ErrorCode.UnsupportedVersion;
            response.ApiKeys = [new ApiVersionsResponse.ApiVersion { ApiKey = (short)ApiKey.ApiVersions, MinVersion = ours.Min, MaxVersion = ours.Max }];
            return Encode(header.CorrelationId, 0, response, 0);
        }

        var reader = new KafkaReader(frame);
        RequestHeader.Read(ref reader, ApiCatalog.Get(ApiKey.ApiVersions).RequestHeaderVersion(header.ApiVersion));
        Received.Enqueue(new ReceivedRequest(connectionId, header, ApiVersionsRequest.Read(ref reader, header.ApiVersion)));
        return Encode(header.CorrelationId, 0, response, header.ApiVersion);
    }

    private static byte[] Encode(int correlationId, short headerVersion, IKafkaMessage response, short version)
    {
        using var writer = new KafkaWriter();
        var lengthAt = writer.ReserveInt32();
        ResponseHeader.Write(writer, correlationId, headerVersion);
        response.Write(writer, version);
        writer.PatchInt32(lengthAt, writer.Length - 4);
        return writer.ToArray();
    }
}
