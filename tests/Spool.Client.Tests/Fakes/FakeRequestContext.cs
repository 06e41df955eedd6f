using Spool.Protocol;

namespace Spool.Client.Tests.Fakes;

/// <summary>What a fake server's handler knows about the request it answers.</summary>
public sealed class FakeRequestContext
{
    internal FakeRequestContext(FakeKafkaServer server, int connectionId, RequestHeader header)
    {
        Server = server;
        ConnectionId = connectionId;
        Header = header;
    }

    public FakeKafkaServer Server { get; }

    /// <summary>Counts connections accepted by the server, from 1.</summary>
    public int ConnectionId { get; }

    public RequestHeader Header { get; }

    public short Version => Header.ApiVersion;

    /// <summary>Set by a handler to drop the connection instead of answering.</summary>
    public bool CloseConnection { get; set; }
}
