using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Spool.Client.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Metadata;

/// <summary>
/// The metadata cache: refreshed on demand (a topic the client has not seen, an error that means leaders
/// moved), and when older than <c>metadata.max.age.ms</c>. Refreshes ask the least loaded broker, falling
/// back to the other known brokers and then to the bootstrap servers.
/// </summary>
internal sealed class MetadataManager : IDisposable
{
    private readonly ClientOptions _options;
    private readonly ConnectionPool _pool;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<BrokerEndpoint> _bootstrap;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _tracked = new(StringComparer.Ordinal);
    private ClusterMetadata _current = ClusterMetadata.Empty;
    private int _updateRequested = 1;

    public MetadataManager(ClientOptions options, ConnectionPool pool, ILogger logger, bool allowAutoTopicCreation)
    {
        _options = options;
        _pool = pool;
        _logger = logger;
        _bootstrap = BrokerEndpoint.ParseBootstrap(options.BootstrapServers);
        AllowAutoTopicCreation = allowAutoTopicCreation;
    }

    /// <summary>Whether metadata requests ask the broker to create unknown topics (<c>allow.auto.create.topics</c>).</summary>
    public bool AllowAutoTopicCreation { get; }

    public ClusterMetadata Current => Volatile.Read(ref _current);

    /// <summary>Marks the cache stale: the next <see cref="EnsureFreshAsync"/> refreshes it.</summary>
    public void RequestUpdate() => Volatile.Write(ref _updateRequested, 1);

    /// <summary>Adds topics that periodic and on-demand refreshes cover (the producer's and consumer's topics).</summary>
    public void Track(string topic) => _tracked.TryAdd(topic, 0);

    public void Untrack(string topic) => _tracked.TryRemove(topic, out _);

    public bool NeedsUpdate =>
        Volatile.Read(ref _updateRequested) == 1
        || Environment.TickCount64 - Current.UpdatedAt > (long)_options.MetadataMaxAge.TotalMilliseconds;

    /// <summary>Refreshes the tracked topics if an update was requested or the cache aged out.</summary>
    public async Task<ClusterMetadata> EnsureFreshAsync(CancellationToken cancellationToken)
    {
        if (!NeedsUpdate)
        {
            return Current;
        }

        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            // Someone else may have refreshed while this caller waited for the lock.
            return NeedsUpdate ? await RefreshLockedAsync([.. _tracked.Keys], cancellationToken) : Current;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>Fetches metadata for <paramref name="topics"/> (null: every topic) plus the tracked topics.</summary>
    public async Task<ClusterMetadata> RefreshAsync(IReadOnlyCollection<string>? topics, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            return await RefreshLockedAsync(topics is null ? null : [.. topics.Concat(_tracked.Keys).Distinct(StringComparer.Ordinal)], cancellationToken);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>
    /// The metadata of <paramref name="topic"/> once it has partitions with known leaders or a non-retriable
    /// error, refreshing with backoff for at most <paramref name="maxWait"/> (the producer's <c>max.block.ms</c>).
    /// </summary>
    public async Task<TopicMetadata> WaitForTopicAsync(string topic, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        Track(topic);
        var deadline = Environment.TickCount64 + (long)maxWait.TotalMilliseconds;
        var backoff = new Internal.Backoff(_options.RetryBackoff, _options.RetryBackoffMax);
        for (var attempt = 0; ; attempt++)
        {
            var known = Current.Topic(topic);
            if (known is { Error: ErrorCode.None, Partitions.Count: > 0 } && !NeedsUpdate)
            {
                return known;
            }

            KafkaException? failure = null;
            try
            {
                known = (await RefreshAsync([topic], cancellationToken)).Topic(topic);
                if (known is { Error: ErrorCode.None, Partitions.Count: > 0 })
                {
                    return known;
                }

                var error = known?.Error ?? ErrorCode.UnknownTopicOrPartition;
                failure = new KafkaException(error == ErrorCode.None ? ErrorCode.LeaderNotAvailable : error, $"topic {topic}");
                if (!failure.IsRetriable)
                {
                    throw failure;
                }
            }
            catch (KafkaException e) when (e.IsRetriable)
            {
                failure = e;
            }

            var wait = backoff.Delay(attempt);
            if (Environment.TickCount64 + (long)wait.TotalMilliseconds > deadline)
            {
                throw new KafkaException(failure.Error, $"topic {topic} not available after {maxWait}: {failure.ServerMessage ?? failure.Message}", failure);
            }

            await Task.Delay(wait, cancellationToken);
        }
    }

    public void Dispose() => _refreshLock.Dispose();

    private async Task<ClusterMetadata> RefreshLockedAsync(IReadOnlyList<string>? topics, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var endpoint in Candidates())
        {
            try
            {
                var connection = await _pool.GetAsync(endpoint, cancellationToken);
                var version = connection.NegotiateVersion(ApiKey.Metadata);
                var request = new MetadataRequest
                {
                    // v0 has no null: an empty list means every topic there.
                    Topics = topics is null ? (version == 0 ? [] : null) : [.. topics.Select(t => new MetadataRequest.MetadataRequestTopic { Name = t })],
                    AllowAutoTopicCreation = AllowAutoTopicCreation,
                };
                var response = await connection.SendAsync<MetadataRequest, MetadataResponse>(request, version, cancellationToken);
                if (response.ErrorCode != 0)
                {
                    throw new KafkaException((ErrorCode)response.ErrorCode, "metadata request");
                }

                var updated = Current.Apply(response, topics is null, Environment.TickCount64);
                Volatile.Write(ref _current, updated);
                Volatile.Write(ref _updateRequested, 0);
                if (endpoint.IsBootstrap && updated.Brokers.Count > 0)
                {
                    // From now on the brokers' own ids are used; the bootstrap connection would only idle.
                    await _pool.CloseAsync(endpoint.NodeId);
                }

                return updated;
            }
            catch (KafkaException e) when (e.IsRetriable)
            {
                failures.Add($"{endpoint}: {e.Message}");
                _logger.LogDebug("Metadata request to {Endpoint} failed: {Error}", endpoint, e.Message);
            }
        }

        throw new KafkaException(ErrorCode.NetworkException, $"no broker answered the metadata request ({string.Join("; ", failures)})");
    }

    /// <summary>Open connections first, then known brokers not backing off, then the bootstrap servers, then the rest.</summary>
    private IEnumerable<BrokerEndpoint> Candidates()
    {
        var seen = new HashSet<int>();
        if (_pool.LeastLoaded(e => !e.IsBootstrap) is { } open && seen.Add(open.Endpoint.NodeId))
        {
            yield return open.Endpoint;
        }

        var brokers = Current.Brokers.Values.OrderBy(_ => Random.Shared.Next()).ToArray();
        foreach (var broker in brokers.Where(b => !_pool.IsBackingOff(b.NodeId)))
        {
            if (seen.Add(broker.NodeId))
            {
                yield return new BrokerEndpoint(broker.NodeId, broker.Host, broker.Port);
            }
        }

        foreach (var endpoint in _bootstrap.Where(b => !_pool.IsBackingOff(b.NodeId)).Concat(_bootstrap))
        {
            if (seen.Add(endpoint.NodeId))
            {
                yield return endpoint;
            }
        }

        foreach (var broker in brokers)
        {
            if (seen.Add(broker.NodeId))
            {
                yield return new BrokerEndpoint(broker.NodeId, broker.Host, broker.Port);
            }
        }
    }
}
