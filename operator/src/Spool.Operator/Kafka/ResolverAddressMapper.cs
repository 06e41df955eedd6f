using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Spool.Operator.Kafka;

/// <summary>
/// Resolves advertised listeners through an HTTP endpoint, <c>GET {url}?host=&amp;port=</c> answering
/// <c>{"host": "...", "port": N}</c> (the Kubernetes API emulator's /emulator/v1/resolve has this shape): for an
/// operator outside the cluster where pod and Service DNS names do not resolve. Answers are cached briefly; a
/// failed lookup dials the advertised address, so the connection fails and is retried like any other.
/// </summary>
public sealed class ResolverAddressMapper : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly TimeSpan _ttl;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string, int), (string Host, int Port, long Expires)> _cache = new();

    public ResolverAddressMapper(Uri url, string? bearerToken, TimeSpan? ttl = null, ILogger? logger = null)
    {
        _url = url;
        _ttl = ttl ?? TimeSpan.FromSeconds(5);
        _logger = logger ?? NullLogger.Instance;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        if (!string.IsNullOrEmpty(bearerToken))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
    }

    /// <summary>
    /// Synchronous because the client's connect hook is: it runs once per new connection, on a connect path that
    /// already waits for the network.
    /// </summary>
    public (string Host, int Port) Map(string host, int port)
    {
        var now = Environment.TickCount64;
        if (_cache.TryGetValue((host, port), out var cached) && cached.Expires > now)
        {
            return (cached.Host, cached.Port);
        }

        try
        {
            var query = $"host={Uri.EscapeDataString(host)}&port={port}";
            var uri = new UriBuilder(_url) { Query = string.IsNullOrEmpty(_url.Query) ? query : _url.Query.TrimStart('?') + "&" + query }.Uri;
            using var response = _http.Send(new HttpRequestMessage(HttpMethod.Get, uri));
            if (response.IsSuccessStatusCode)
            {
                using var body = response.Content.ReadAsStream();
                using var document = JsonDocument.Parse(body);
                var resolved = (document.RootElement.GetProperty("host").GetString() ?? host, document.RootElement.GetProperty("port").GetInt32());
                _cache[(host, port)] = (resolved.Item1, resolved.Item2, now + (long)_ttl.TotalMilliseconds);
                return resolved;
            }

            _logger.LogDebug("Resolver {Url} has no address for {Host}:{Port} ({Status})", _url, host, port, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            _logger.LogWarning("Resolving {Host}:{Port} through {Url} failed: {Error}", host, port, _url, ex.Message);
        }

        return (host, port);
    }

    public void Dispose() => _http.Dispose();
}
