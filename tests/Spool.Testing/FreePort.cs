using System.Net;
using System.Net.Sockets;

namespace Spool.Testing;

/// <summary>A loopback port free right now, for a server that must know its port before it starts.</summary>
public static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
