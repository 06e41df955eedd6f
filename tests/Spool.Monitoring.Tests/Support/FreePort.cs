using System.Net;
using System.Net.Sockets;

namespace Spool.Monitoring.Tests.Support;

/// <summary>A loopback port nobody listens on right now (for tools that cannot bind port 0 and report it).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
