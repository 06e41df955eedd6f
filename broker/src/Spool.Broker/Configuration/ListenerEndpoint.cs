namespace Spool.Broker.Configuration;

/// <summary>One entry of listeners / advertised.listeners: NAME://host:port. An empty host means every interface.</summary>
public sealed record ListenerEndpoint(string Name, string Host, int Port)
{
    public static ListenerEndpoint Parse(string text)
    {
        var sep = text.IndexOf("://", StringComparison.Ordinal);
        if (sep <= 0)
        {
            throw new FormatException($"Listener '{text}' is not of the form NAME://host:port");
        }

        var name = text[..sep].Trim().ToUpperInvariant();
        var rest = text[(sep + 3)..].Trim();
        var colon = rest.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(rest[(colon + 1)..], out var port) || port < 0 || port > 65535)
        {
            throw new FormatException($"Listener '{text}' has no valid port");
        }

        var host = rest[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return new ListenerEndpoint(name, host, port);
    }

    public static IReadOnlyList<ListenerEndpoint> ParseList(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();

    public override string ToString() => $"{Name}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";
}
