using System.Globalization;

namespace Spool.Operator.Kafka;

/// <summary>
/// A fixed host alias map, "advertised-host:port=dial-host:port,...": for running the operator outside the cluster
/// next to <c>kubectl port-forward</c>s. Unlisted addresses are dialled as advertised.
/// </summary>
public sealed class StaticAddressMap
{
    private readonly Dictionary<(string Host, int Port), (string Host, int Port)> _map;

    private StaticAddressMap(Dictionary<(string, int), (string, int)> map) => _map = map;

    public int Count => _map.Count;

    public static StaticAddressMap Parse(string text)
    {
        var map = new Dictionary<(string, int), (string, int)>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"'{entry}' is not advertised-host:port=host:port");
            }

            map[HostPort(entry[..eq])] = HostPort(entry[(eq + 1)..]);
        }

        return new StaticAddressMap(map);
    }

    public bool TryMap(string host, int port, out (string Host, int Port) target) =>
        _map.TryGetValue((host.ToLowerInvariant(), port), out target);

    private static (string, int) HostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is 0 or > 65535)
        {
            throw new FormatException($"'{text}' is not host:port");
        }

        return (text[..colon].Trim().ToLowerInvariant(), port);
    }
}
