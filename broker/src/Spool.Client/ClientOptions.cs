using Microsoft.Extensions.Logging;

namespace Spool.Client;

/// <summary>
/// Settings shared by the admin client, the producer and the consumer. Property docs name the Java client's
/// configuration key each one corresponds to; defaults are the Java client's unless stated otherwise.
/// </summary>
public class ClientOptions
{
    /// <summary><c>bootstrap.servers</c>: comma-separated <c>host:port</c> list used to discover the cluster.</summary>
    public string BootstrapServers { get; set; } = "localhost:9092";

    /// <summary><c>client.id</c>: sent with every request, shown in broker logs and quotas.</summary>
    public string ClientId { get; set; } = "spool-dotnet";

    /// <summary><c>request.timeout.ms</c>: how long to wait for a response before failing the request and the connection.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>socket.connection.setup.timeout.ms</c>: how long a TCP connect plus ApiVersions handshake may take.</summary>
    public TimeSpan SocketConnectionSetupTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>reconnect.backoff.ms</c>: the first wait before reconnecting to a broker that failed.</summary>
    public TimeSpan ReconnectBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary><c>reconnect.backoff.max.ms</c>: the cap of the exponential reconnect backoff.</summary>
    public TimeSpan ReconnectBackoffMax { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>retry.backoff.ms</c>: the first wait before retrying a failed request.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>retry.backoff.max.ms</c>: the cap of the exponential retry backoff (KIP-580).</summary>
    public TimeSpan RetryBackoffMax { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>metadata.max.age.ms</c>: metadata older than this is refreshed even without errors.</summary>
    public TimeSpan MetadataMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>send.buffer.bytes</c>: the socket send buffer; -1 leaves the OS default.</summary>
    public int SendBufferBytes { get; set; } = 128 * 1024;

    /// <summary><c>receive.buffer.bytes</c>: the socket receive buffer; -1 leaves the OS default.</summary>
    public int ReceiveBufferBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Spool-specific: the largest response frame accepted. A larger length prefix means the peer is not a Kafka
    /// broker (for example an HTTP or TLS port) and the connection is closed instead of allocating the buffer.
    /// </summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>
    /// Spool-specific connect hook: maps the host and port of a bootstrap server or of a broker's advertised
    /// listener to the address actually dialled (tests and the operator map pod DNS names to forwarded ports).
    /// </summary>
    public Func<string, int, (string Host, int Port)>? AddressMapper { get; set; }

    /// <summary>Where the client logs; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal virtual void Validate()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            throw new ArgumentException("bootstrap.servers must list at least one host:port", nameof(BootstrapServers));
        }

        RequirePositive(RequestTimeout, "request.timeout.ms");
        RequirePositive(SocketConnectionSetupTimeout, "socket.connection.setup.timeout.ms");
        RequireNonNegative(ReconnectBackoff, "reconnect.backoff.ms");
        RequireNonNegative(RetryBackoff, "retry.backoff.ms");
        if (MaxResponseBytes <= 0)
        {
            throw new ArgumentException("MaxResponseBytes must be positive", nameof(MaxResponseBytes));
        }
    }

    internal static void RequirePositive(TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{key} must be positive, got {value}");
        }
    }

    internal static void RequireNonNegative(TimeSpan value, string key)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentException($"{key} must not be negative, got {value}");
        }
    }
}
