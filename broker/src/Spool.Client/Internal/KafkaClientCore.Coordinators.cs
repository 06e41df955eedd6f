using Spool.Client.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Internal;

/// <summary>Finding and caching group coordinators (FindCoordinator).</summary>
internal sealed partial class KafkaClientCore
{
    private readonly Dictionary<string, BrokerEndpoint> _coordinators = new(StringComparer.Ordinal);
    private readonly Lock _coordinatorLock = new();

    /// <summary>The connection to the group's coordinator, asking any broker for it when not cached.</summary>
    public async Task<KafkaConnection> ConnectToCoordinatorAsync(string groupId, CancellationToken cancellationToken)
    {
        BrokerEndpoint endpoint;
        bool cached;
        lock (_coordinatorLock)
        {
            cached = _coordinators.TryGetValue(groupId, out endpoint);
        }

        if (!cached)
        {
            endpoint = await FindCoordinatorAsync(groupId, cancellationToken);
            lock (_coordinatorLock)
            {
                _coordinators[groupId] = endpoint;
            }
        }

        try
        {
            return await Pool.GetCoordinatorAsync(endpoint, cancellationToken);
        }
        catch (KafkaException)
        {
            InvalidateCoordinator(groupId);
            throw;
        }
    }

    /// <summary>The cached coordinator's node id, or null.</summary>
    public int? CachedCoordinator(string groupId)
    {
        lock (_coordinatorLock)
        {
            return _coordinators.TryGetValue(groupId, out var endpoint) ? endpoint.NodeId : null;
        }
    }

    /// <summary>Forgets the group's coordinator (after NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE or a network error).</summary>
    public void InvalidateCoordinator(string groupId)
    {
        lock (_coordinatorLock)
        {
            _coordinators.Remove(groupId);
        }
    }

    /// <summary>Invalidates the coordinator when <paramref name="error"/> says it moved; returns the error as an exception, or null.</summary>
    public KafkaException? CheckGroupError(string groupId, short error, string? message, string what)
    {
        if (error == 0)
        {
            return null;
        }

        var code = (ErrorCode)error;
        if (code is ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable)
        {
            InvalidateCoordinator(groupId);
        }

        return new KafkaException(code, message is null ? $"{what} for group {groupId}" : $"{what} for group {groupId}: {message}");
    }

    private async Task<BrokerEndpoint> FindCoordinatorAsync(string groupId, CancellationToken cancellationToken)
    {
        var connection = await ConnectToAnyAsync(cancellationToken);
        var response = await SendAsync<FindCoordinatorRequest, FindCoordinatorResponse>(connection, _ => new FindCoordinatorRequest
        {
            Key = groupId,
            KeyType = 0,
            CoordinatorKeys = [groupId],
        }, cancellationToken);
        if (response.Coordinators.FirstOrDefault(c => c.Key == groupId) is { } batched)
        {
            if (CheckGroupError(groupId, batched.ErrorCode, batched.ErrorMessage, "FindCoordinator") is { } error)
            {
                throw error;
            }

            return new BrokerEndpoint(batched.NodeId, batched.Host, batched.Port);
        }

        if (CheckGroupError(groupId, response.ErrorCode, response.ErrorMessage, "FindCoordinator") is { } failure)
        {
            throw failure;
        }

        return new BrokerEndpoint(response.NodeId, response.Host, response.Port);
    }
}
