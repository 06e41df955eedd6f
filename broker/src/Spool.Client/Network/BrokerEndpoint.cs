namespace Spool.Client.Network;

/// <summary>A broker address as advertised (before <see cref="ClientOptions.AddressMapper"/>). Bootstrap servers have negative ids.</summary>
internal readonly record struct BrokerEndpoint(int NodeId, string Host, int Port)
{
    public bool IsBootstrap => NodeId < 0;

    public override string ToString() => IsBootstrap ? $"{Host}:{Port} (bootstrap)" : $"{Host}:{Port} (node {NodeId})";

    /// <summary>Parses <c>bootstrap.servers</c>: <c>host:port</c> items separated by commas, IPv6 hosts in brackets.</summary>
    public static IReadOnlyList<BrokerEndpoint> ParseBootstrap(string servers)
    {
        var result = new List<BrokerEndpoint>();
        foreach (var raw in servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var item = raw;
            var scheme = item.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                item = item[(scheme + 3)..];
            }

            var colon = item.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(item.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
            {
                throw new ArgumentException($"bootstrap server '{raw}' is not host:port", nameof(servers));
            }

            var host = item[..colon];
            if (host.StartsWith('[') && host.EndsWith(']'))
            {
                host = host[1..^1];
            }

            result.Add(new BrokerEndpoint(-(result.Count + 1), host, port));
        }

        if (result.Count == 0)
        {
            throw new ArgumentException("bootstrap.servers lists no server", nameof(servers));
        }

        return result;
    }
}
