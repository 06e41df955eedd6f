using System.Buffers.Binary;
using System.Net.Sockets;
using Spool.Protocol;

namespace Spool.Broker.Tests.Network;

/// <summary>A bare TCP connection that sends hand-made frames and reads raw response frames.</summary>
public sealed class RawConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    public RawConnection(int port)
    {
        _client = new TcpClient();
        _client.Connect("127.0.0.1", port);
        _client.NoDelay = true;
        _stream = _client.GetStream();
        _stream.ReadTimeout = 10_000;
    }

    public static byte[] Frame<T>(T request, short version, int correlationId, string? clientId = "raw-test")
        where T : IKafkaRequest
    {
        var api = ApiCatalog.Get(request.Api);
        using var w = new KafkaWriter();
        var size = w.ReserveInt32();
        new RequestHeader { ApiKey = request.Api, ApiVersion = version, CorrelationId = correlationId, ClientId = clientId, HeaderVersion = api.RequestHeaderVersion(version) }.Write(w);
        request.Write(w, version);
        w.PatchInt32(size, w.Length - 4);
        return w.ToArray();
    }

    public void Send(byte[] bytes) => _stream.Write(bytes);

    /// <summary>Reads one response frame (without its size prefix), or null when the broker closed the connection.</summary>
    public byte[]? Receive()
    {
        var prefix = new byte[4];
        if (!ReadExactly(prefix))
        {
            return null;
        }

        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
        return ReadExactly(body) ? body : null;
    }

    public TResponse Roundtrip<TRequest, TResponse>(TRequest request, short version, int correlationId = 1)
        where TRequest : IKafkaRequest<TRequest, TResponse>
        where TResponse : IKafkaResponse<TResponse>
    {
        Send(Frame(request, version, correlationId));
        var frame = Receive() ?? throw new IOException("connection closed");
        var reader = new KafkaReader(frame);
        ResponseHeader.Read(ref reader, ApiCatalog.Get(TRequest.ApiKey).ResponseHeaderVersion(version)).Should().Be(correlationId);
        var response = TResponse.Read(ref reader, version);
        reader.Remaining.Should().Be(0, "the whole response frame is consumed");
        return response;
    }

    /// <summary>True when the broker closed the connection (EOF) rather than answering.</summary>
    public bool IsClosedByPeer()
    {
        try
        {
            return Receive() is null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }

    private bool ReadExactly(byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = _stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
