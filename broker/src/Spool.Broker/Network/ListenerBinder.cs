using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Spool.Broker.Configuration;

namespace Spool.Broker.Network;

/// <summary>
/// Binds the Kafka listeners on Kestrel and, once bound, reports the real ports (a listener may ask for
/// port 0 and let the OS choose, which tests rely on).
/// </summary>
public sealed class ListenerBinder
{
    private readonly List<(ListenerEndpoint Configured, ListenOptions Options)> _bound = [];

    public void Bind(KestrelServerOptions kestrel, IEnumerable<ListenerEndpoint> listeners)
    {
        foreach (var listener in listeners)
        {
            foreach (var address in Addresses(listener.Host))
            {
                kestrel.Listen(address, listener.Port, options =>
                {
                    var name = listener.Name;
                    options.Use(next => context =>
                    {
                        context.Items[KafkaConnectionHandler.ListenerNameItem] = name;
                        return next(context);
                    });
                    options.UseConnectionHandler<KafkaConnectionHandler>();
                    _bound.Add((listener, options));
                });
            }
        }
    }

    private readonly List<ListenOptions> _http = [];

    /// <summary>Binds the HTTP endpoints (http.listeners: http://host:port).</summary>
    public void BindHttp(KestrelServerOptions kestrel, IEnumerable<string> urls)
    {
        foreach (var url in urls)
        {
            var endpoint = ListenerEndpoint.Parse(url);
            if (endpoint.Name != "HTTP")
            {
                throw new BrokerConfigException($"http.listeners entry '{url}' must start with http://");
            }

            foreach (var address in Addresses(endpoint.Host))
            {
                kestrel.Listen(address, endpoint.Port, options => _http.Add(options));
            }
        }
    }

    /// <summary>The bound HTTP endpoints as URLs (after the server started).</summary>
    public IEnumerable<string> HttpUrls => _http.Select(o => $"http://{o.IPEndPoint}");

    /// <summary>The port each configured listener actually got (after the server started).</summary>
    public int BoundPort(ListenerEndpoint configured)
    {
        var match = _bound.FirstOrDefault(b => b.Configured == configured);
        return match.Options?.IPEndPoint?.Port ?? configured.Port;
    }

    public IEnumerable<string> Describe() =>
        _bound.Select(b => $"{b.Configured.Name}://{b.Options.IPEndPoint}");

    internal static IEnumerable<IPAddress> Addresses(string host)
    {
        if (string.IsNullOrEmpty(host) || host == "0.0.0.0")
        {
            return [IPAddress.Any];
        }

        if (host == "::")
        {
            return [IPAddress.IPv6Any];
        }

        if (IPAddress.TryParse(host, out var ip))
        {
            return [ip];
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            // One address so that port 0 yields one port; IPv4 is what clients resolve "localhost" to first here.
            return [IPAddress.Loopback];
        }

        return Dns.GetHostAddresses(host).Where(a => a.AddressFamily is System.Net.Sockets.AddressFamily.InterNetwork or System.Net.Sockets.AddressFamily.InterNetworkV6).Distinct();
    }
}
