using Microsoft.Extensions.Logging;
using Spool.Client.Internal;
using Spool.Protocol;

namespace Spool.Client.Network;

/// <summary>
/// One connection per broker (by node id), opened on demand, shared by every caller, and reopened after a
/// failure only once the reconnect backoff has passed.
/// </summary>
internal sealed class ConnectionPool : IAsyncDisposable
{
    private readonly Dictionary<int, Slot> _slots = [];
    private readonly Lock _lock = new();
    private readonly ClientOptions _options;
    private readonly ILogger _logger;
    private readonly Backoff _backoff;
    private readonly CancellationTokenSource _lifetime = new();
    private bool _disposed;

    public ConnectionPool(ClientOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _backoff = new Backoff(options.ReconnectBackoff, options.ReconnectBackoffMax);
    }

    /// <summary>The open connection to <paramref name="endpoint"/>'s node, connecting (after any backoff) if needed.</summary>
    public Task<KafkaConnection> GetAsync(BrokerEndpoint endpoint, CancellationToken cancellationToken) =>
        GetSlotAsync(endpoint.NodeId, endpoint, cancellationToken);

    /// <summary>
    /// A second connection to the node for group coordination, as the Java client keeps one (keyed
    /// int.MaxValue - node id): a broker answers the requests of one connection one at a time, so on the shared
    /// connection a heartbeat or JoinGroup would wait behind a long-poll Fetch (up to fetch.max.wait.ms), and a
    /// JoinGroup, which the broker holds until the rebalance completes, would hold up everything behind it.
    /// </summary>
    public Task<KafkaConnection> GetCoordinatorAsync(BrokerEndpoint endpoint, CancellationToken cancellationToken) =>
        GetSlotAsync(int.MaxValue - endpoint.NodeId, endpoint, cancellationToken);

    private async Task<KafkaConnection> GetSlotAsync(int key, BrokerEndpoint endpoint, CancellationToken cancellationToken)
    {
        Task<KafkaConnection> connecting;
        KafkaConnection? replaced = null;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_slots.TryGetValue(key, out var slot))
            {
                slot = new Slot(endpoint);
                _slots.Add(key, slot);
            }
            else if (slot.Endpoint != endpoint)
            {
                // The node moved (a new advertised listener): its old connection leads to the wrong place.
                replaced = slot.Connection;
                slot.Connection = null;
                slot.Endpoint = endpoint;
                slot.Failures = 0;
                slot.NextAttempt = 0;
            }

            if (slot.Connection is { IsOpen: true } open)
            {
                return open;
            }

            if (slot.Connecting is null)
            {
                var wait = TimeSpan.FromMilliseconds(Math.Max(0, slot.NextAttempt - Environment.TickCount64));
                slot.Connecting = Task.Run(() => ConnectAsync(slot, endpoint, wait));
            }

            connecting = slot.Connecting;
        }

        if (replaced is not null)
        {
            await replaced.DisposeAsync();
        }

        return await connecting.WaitAsync(cancellationToken);
    }

    /// <summary>The open connection with the fewest requests in flight, if any (Java's "least loaded node").</summary>
    public KafkaConnection? LeastLoaded(Func<BrokerEndpoint, bool>? filter = null)
    {
        lock (_lock)
        {
            // Coordinator connections are left to their group: a JoinGroup may hold one for a whole rebalance.
            return _slots.Where(s => s.Key == s.Value.Endpoint.NodeId)
                .Select(s => s.Value.Connection)
                .Where(c => c is { IsOpen: true } && (filter is null || filter(c.Endpoint)))
                .OrderBy(c => c!.InFlightCount)
                .FirstOrDefault();
        }
    }

    /// <summary>Whether connecting to the node would first have to wait out a reconnect backoff.</summary>
    public bool IsBackingOff(int nodeId)
    {
        lock (_lock)
        {
            return _slots.TryGetValue(nodeId, out var slot) && slot.Connection is not { IsOpen: true } && slot.NextAttempt > Environment.TickCount64;
        }
    }

    /// <summary>Closes the node's connection, if any; the next <see cref="GetAsync"/> reconnects without backoff.</summary>
    public async Task CloseAsync(int nodeId)
    {
        KafkaConnection? connection;
        lock (_lock)
        {
            if (!_slots.TryGetValue(nodeId, out var slot))
            {
                return;
            }

            connection = slot.Connection;
            slot.Connection = null;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<KafkaConnection> connections;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connections = [.. _slots.Values.Select(s => s.Connection).OfType<KafkaConnection>()];
            _slots.Clear();
        }

        await _lifetime.CancelAsync();
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<KafkaConnection> ConnectAsync(Slot slot, BrokerEndpoint endpoint, TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _lifetime.Token);
            }

            var connection = await KafkaConnection.OpenAsync(endpoint, _options, _logger, _lifetime.Token);
            bool keep;
            lock (_lock)
            {
                slot.Connecting = null;
                keep = !_disposed && slot.Endpoint == endpoint;
                if (keep)
                {
                    slot.Connection = connection;
                    slot.Failures = 0;
                    slot.NextAttempt = 0;
                }
            }

            if (!keep)
            {
                await connection.DisposeAsync();
                throw new KafkaException(ErrorCode.NetworkException, $"{endpoint} changed address or the client closed while connecting");
            }

            return connection;
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                if (slot.Endpoint == endpoint)
                {
                    slot.Connecting = null;
                }

                slot.NextAttempt = Environment.TickCount64 + (long)_backoff.Delay(slot.Failures).TotalMilliseconds;
                slot.Failures++;
            }

            _logger.LogDebug("Connecting to {Endpoint} failed: {Error}", endpoint, e.Message);
            if (e is KafkaException)
            {
                throw;
            }

            throw new KafkaException(ErrorCode.NetworkException, _lifetime.IsCancellationRequested ? "the client is closed" : $"connecting to {endpoint} failed: {e.Message}", e);
        }
    }

    private sealed class Slot(BrokerEndpoint endpoint)
    {
        public BrokerEndpoint Endpoint { get; set; } = endpoint;

        public KafkaConnection? Connection { get; set; }

        public Task<KafkaConnection>? Connecting { get; set; }

        public int Failures { get; set; }

        /// <summary>Environment.TickCount64 before which no new attempt starts.</summary>
        public long NextAttempt { get; set; }
    }
}
