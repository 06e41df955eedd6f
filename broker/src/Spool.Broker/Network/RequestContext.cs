using Spool.Protocol;

namespace Spool.Broker.Network;

/// <summary>One request as a handler sees it: the header, the session, and the version to answer with.</summary>
public sealed class RequestContext
{
    public RequestContext(RequestHeader header, ClientSession session)
    {
        Header = header;
        Session = session;
    }

    public RequestHeader Header { get; }

    public ClientSession Session { get; }

    public short ApiVersion => Header.ApiVersion;

    public string ClientId => Header.ClientId ?? string.Empty;

    /// <summary>Resources the response refers to (pooled read buffers), released once it is written.</summary>
    public List<IDisposable> ResponseResources { get; } = [];

    public void ReleaseResponseResources()
    {
        foreach (var r in ResponseResources)
        {
            r.Dispose();
        }

        ResponseResources.Clear();
    }
}
