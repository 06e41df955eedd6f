using Microsoft.Extensions.Logging;
using Spool.Client.Internal;
using Spool.Client.Network;
using Spool.Protocol;

namespace Spool.Client.Producer;

/// <summary>
/// The producer's background loop: finds sendable batches, drains them per leader into produce requests (at
/// most max.in.flight.requests.per.connection per broker), handles responses and retries, expires batches past
/// delivery.timeout.ms, and keeps the idempotent producer's id and epoch.
/// </summary>
internal sealed partial class Sender
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BusyWait = TimeSpan.FromMilliseconds(200);

    private readonly KafkaClientCore _core;
    private readonly ProducerOptions _options;
    private readonly RecordAccumulator _accumulator;
    private readonly BufferMemory _memory;
    private readonly ILogger _logger;
    private readonly AsyncSignal _wake = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<int, int> _inFlight = [];
    private readonly Dictionary<int, Task<KafkaConnection>> _connecting = [];
    private Task _loop = Task.CompletedTask;
    private volatile bool _closing;
    private long _nextMetadataRefresh;
    private int _metadataFailures;

    public Sender(KafkaClientCore core, ProducerOptions options, RecordAccumulator accumulator, BufferMemory memory)
    {
        _core = core;
        _options = options;
        _accumulator = accumulator;
        _memory = memory;
        _logger = core.Logger;
    }

    /// <summary>A non-retriable failure to get a producer id: every record fails with it from then on.</summary>
    public KafkaException? FatalError { get; private set; }

    private int TotalInFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight.Values.Sum();
            }
        }
    }

    public void Start() => _loop = Task.Run(RunAsync);

    public void Wake() => _wake.Set();

    /// <summary>Sends everything still queued without lingering and returns when every batch completed or expired.</summary>
    public async Task CloseAsync()
    {
        _closing = true;
        Wake();
        await _loop;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                if (_closing && _accumulator.IsEmpty && TotalInFlight == 0)
                {
                    return;
                }

                var delay = await RunOnceAsync(Environment.TickCount64);
                await _wake.WaitAsync(delay, CancellationToken.None);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Producer send loop failed; continuing");
                await Task.Delay(_options.RetryBackoff);
            }
        }
    }

    private async Task<TimeSpan> RunOnceAsync(long now)
    {
        FailExpired(now);
        if (_options.EnableIdempotence && !await EnsureProducerIdAsync(now))
        {
            return _options.RetryBackoff;
        }

        var metadata = _core.Metadata.Current;
        var ready = _accumulator.Ready(metadata, now, _closing || _memory.HasWaiters);
        if (ready.UnknownLeader || _core.Metadata.NeedsUpdate)
        {
            RefreshMetadataInBackground(now);
        }

        var identity = _options.EnableIdempotence ? _identity : null;
        foreach (var node in ready.Nodes)
        {
            if (InFlight(node) >= _options.MaxInFlightRequestsPerConnection || TryGetConnection(node) is not { } connection)
            {
                continue;
            }

            var batches = _accumulator.Drain(node, metadata, now, identity);
            if (batches.Count > 0)
            {
                AddInFlight(node, 1);
                _ = SendAsync(node, connection, batches);
            }
        }

        var cap = _accumulator.IsEmpty ? IdleWait : BusyWait;
        return ready.NextCheck == Timeout.InfiniteTimeSpan || ready.NextCheck > cap ? cap : ready.NextCheck;
    }

    /// <summary>The open connection to a node, or null while it is being opened (the loop is woken when it is).</summary>
    private KafkaConnection? TryGetConnection(int node)
    {
        if (!_core.Metadata.Current.Brokers.TryGetValue(node, out var broker))
        {
            _core.Metadata.RequestUpdate();
            return null;
        }

        lock (_lock)
        {
            if (_connecting.TryGetValue(node, out var pending))
            {
                if (!pending.IsCompleted)
                {
                    return null;
                }

                _connecting.Remove(node);
                if (pending.IsCompletedSuccessfully && pending.Result.IsOpen)
                {
                    return pending.Result;
                }

                _core.Metadata.RequestUpdate();
            }

            var task = _core.Pool.GetAsync(new BrokerEndpoint(broker.NodeId, broker.Host, broker.Port), CancellationToken.None);
            if (task.IsCompletedSuccessfully && task.Result.IsOpen)
            {
                return task.Result;
            }

            _connecting[node] = task;
            task.ContinueWith(static (_, state) => ((Sender)state!).Wake(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return null;
        }
    }

    private void RefreshMetadataInBackground(long now)
    {
        lock (_lock)
        {
            if (now < _nextMetadataRefresh)
            {
                return;
            }

            _nextMetadataRefresh = long.MaxValue;
        }

        _ = Task.Run(async () =>
        {
            var failed = false;
            try
            {
                await _core.Metadata.EnsureFreshAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                failed = true;
                _logger.LogDebug("Producer metadata refresh failed: {Error}", e.Message);
            }

            lock (_lock)
            {
                _metadataFailures = failed ? _metadataFailures + 1 : 0;
                _nextMetadataRefresh = Environment.TickCount64 + (long)_core.RetryBackoff.Delay(_metadataFailures).TotalMilliseconds;
            }

            Wake();
        });
    }

    private void FailExpired(long now)
    {
        var expired = _accumulator.RemoveQueued(now - (long)_options.DeliveryTimeout.TotalMilliseconds);
        if (FatalError is { } fatal)
        {
            expired.AddRange(_accumulator.RemoveQueued(long.MaxValue));
        }

        foreach (var batch in expired)
        {
            Finish(batch, FatalError ?? new KafkaException(
                ErrorCode.RequestTimedOut,
                $"expiring {batch.RecordCount} record(s) for {batch.Partition}: delivery.timeout.ms ({_options.DeliveryTimeout}) has passed since batch creation"));
        }
    }

    private int InFlight(int node)
    {
        lock (_lock)
        {
            return _inFlight.GetValueOrDefault(node);
        }
    }

    private void AddInFlight(int node, int delta)
    {
        lock (_lock)
        {
            _inFlight[node] = _inFlight.GetValueOrDefault(node) + delta;
        }
    }
}
