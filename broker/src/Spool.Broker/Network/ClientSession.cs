using System.Net;

namespace Spool.Broker.Network;

/// <summary>What the broker knows about one client connection.</summary>
public sealed class ClientSession
{
    private static long _nextId;

    public ClientSession(string listenerName, EndPoint? remote)
    {
        Id = Interlocked.Increment(ref _nextId);
        ListenerName = listenerName;
        RemoteEndPoint = remote;
    }

    public long Id { get; }

    public string ListenerName { get; }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The client's host as Kafka reports it in DescribeGroups ("/127.0.0.1").</summary>
    public string ClientHost => RemoteEndPoint is IPEndPoint ip ? "/" + ip.Address : "/unknown";

    public string? ClientSoftwareName { get; set; }

    public string? ClientSoftwareVersion { get; set; }
}
