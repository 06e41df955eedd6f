using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spool.Client.Metadata;
using Spool.Client.Network;
using Spool.Protocol;

namespace Spool.Client.Internal;

/// <summary>
/// What the admin client, producer and consumer share: connections, the metadata cache, coordinator look-ups
/// and request routing (to a node, to any broker, to the controller) with version negotiation and retries.
/// </summary>
internal sealed partial class KafkaClientCore : IAsyncDisposable
{
    public KafkaClientCore(ClientOptions options, string loggerCategory, bool allowAutoTopicCreation)
    {
        options.Validate();
        Options = options;
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger(loggerCategory);
        Pool = new ConnectionPool(options, LoggerFactory.CreateLogger("Spool.Client.Network"));
        Metadata = new MetadataManager(options, Pool, Logger, allowAutoTopicCreation);
        RetryBackoff = new Backoff(options.RetryBackoff, options.RetryBackoffMax);
    }

    public ClientOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    public ConnectionPool Pool { get; }

    public MetadataManager Metadata { get; }

    public Backoff RetryBackoff { get; }

    /// <summary>The connection to a broker by node id, refreshing metadata once if the node is not known yet.</summary>
    public async Task<KafkaConnection> ConnectToNodeAsync(int nodeId, CancellationToken cancellationToken)
    {
        if (!Metadata.Current.Brokers.TryGetValue(nodeId, out var broker))
        {
            await Metadata.RefreshAsync([], cancellationToken);
            if (!Metadata.Current.Brokers.TryGetValue(nodeId, out broker))
            {
                throw new KafkaException(ErrorCode.NetworkException, $"node {nodeId} is not in the cluster metadata");
            }
        }

        return await Pool.GetAsync(new BrokerEndpoint(broker.NodeId, broker.Host, broker.Port), cancellationToken);
    }

    /// <summary>The least loaded open connection to a broker, or a new one to a known broker.</summary>
    public async Task<KafkaConnection> ConnectToAnyAsync(CancellationToken cancellationToken)
    {
        if (Pool.LeastLoaded(e => !e.IsBootstrap) is { } open)
        {
            return open;
        }

        var metadata = Metadata.Current.Brokers.Count > 0 ? Metadata.Current : await Metadata.RefreshAsync([], cancellationToken);
        var brokers = metadata.Brokers.Values.OrderBy(b => Pool.IsBackingOff(b.NodeId)).ThenBy(_ => Random.Shared.Next()).ToArray();
        KafkaException? last = null;
        foreach (var broker in brokers)
        {
            try
            {
                return await Pool.GetAsync(new BrokerEndpoint(broker.NodeId, broker.Host, broker.Port), cancellationToken);
            }
            catch (KafkaException e) when (e.IsRetriable)
            {
                last = e;
            }
        }

        Metadata.RequestUpdate();
        throw last ?? new KafkaException(ErrorCode.NetworkException, "the cluster metadata lists no broker");
    }

    /// <summary>The controller's connection (any broker when the metadata names none; KRaft brokers forward).</summary>
    public async Task<KafkaConnection> ConnectToControllerAsync(CancellationToken cancellationToken)
    {
        var metadata = Metadata.Current.Brokers.Count > 0 && !Metadata.NeedsUpdate
            ? Metadata.Current
            : await Metadata.RefreshAsync([], cancellationToken);
        return metadata.ControllerId >= 0 && metadata.Brokers.ContainsKey(metadata.ControllerId)
            ? await ConnectToNodeAsync(metadata.ControllerId, cancellationToken)
            : await ConnectToAnyAsync(cancellationToken);
    }

    /// <summary>Builds the request for the negotiated version and sends it.</summary>
    public static Task<TResponse> SendAsync<TRequest, TResponse>(KafkaConnection connection, Func<short, TRequest> build, CancellationToken cancellationToken, short? maxVersion = null, TimeSpan? timeout = null)
        where TRequest : IKafkaRequest<TRequest, TResponse>
        where TResponse : IKafkaResponse<TResponse>
    {
        var version = connection.NegotiateVersion(TRequest.ApiKey, maxVersion);
        return connection.SendAsync<TRequest, TResponse>(build(version), version, cancellationToken, timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await Pool.DisposeAsync();
        Metadata.Dispose();
    }
}
