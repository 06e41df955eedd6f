using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Groups;

/// <summary>
/// FindCoordinator: the leader of the group's __consumer_offsets partition, on the listener the request came in
/// on. The first lookup creates the topic. Transaction coordinators (key type 1) are refused with
/// TRANSACTIONAL_ID_AUTHORIZATION_FAILED, as produce refuses transactional requests: Spool has no transactions.
/// </summary>
public sealed class FindCoordinatorHandler : RequestHandler<FindCoordinatorRequest, FindCoordinatorResponse>
{
    private const sbyte GroupKeyType = 0;
    private const sbyte TransactionKeyType = 1;
    private const string TransactionsUnsupported = "Transactions are not supported by Spool";

    private readonly GroupCoordinator _coordinator;
    private readonly MetadataManager _metadata;

    public FindCoordinatorHandler(GroupCoordinator coordinator, MetadataManager metadata)
    {
        _coordinator = coordinator;
        _metadata = metadata;
    }

    protected override async ValueTask<FindCoordinatorResponse?> HandleAsync(RequestContext context, FindCoordinatorRequest request, CancellationToken cancellationToken)
    {
        var keyType = context.ApiVersion >= 1 ? request.KeyType : GroupKeyType;
        if (context.ApiVersion < 4)
        {
            var (error, node, message) = await LookupAsync(context, keyType, request.Key, cancellationToken);
            return new FindCoordinatorResponse
            {
                ErrorCode = (short)error,

                // Kafka sends Errors.message(): "NONE" on success, the error's default message otherwise.
                ErrorMessage = error == ErrorCode.None ? "NONE" : message,
                NodeId = node?.NodeId ?? -1,
                Host = node?.Host ?? string.Empty,
                Port = node?.Port ?? -1,
            };
        }

        var response = new FindCoordinatorResponse();
        foreach (var key in request.CoordinatorKeys)
        {
            var (error, node, message) = await LookupAsync(context, keyType, key, cancellationToken);
            response.Coordinators.Add(new FindCoordinatorResponse.Coordinator
            {
                Key = key,
                ErrorCode = (short)error,
                ErrorMessage = error is ErrorCode.TransactionalIdAuthorizationFailed ? message : null,
                NodeId = node?.NodeId ?? -1,
                Host = node?.Host ?? string.Empty,
                Port = node?.Port ?? -1,
            });
        }

        return response;
    }

    private async Task<(ErrorCode Error, (int NodeId, string Host, int Port)? Node, string? Message)> LookupAsync(
        RequestContext context, sbyte keyType, string key, CancellationToken cancellationToken)
    {
        switch (keyType)
        {
            case TransactionKeyType:
                return (ErrorCode.TransactionalIdAuthorizationFailed, null, TransactionsUnsupported);
            case GroupKeyType:
                break;
            default:
                return (ErrorCode.InvalidRequest, null, $"Unknown coordinator type {keyType}");
        }

        if (await _coordinator.EnsureOffsetsTopicAsync(key, cancellationToken) != ErrorCode.None)
        {
            return (ErrorCode.CoordinatorNotAvailable, null, "The coordinator is not available.");
        }

        var image = _metadata.Image;
        var partition = _coordinator.PartitionFor(key);
        if (!image.Topics.TryGetValue(OffsetsTopic.Name, out var topic)
            || partition >= topic.Partitions.Count
            || topic.Partitions[partition].Leader < 0
            || !image.Brokers.TryGetValue(topic.Partitions[partition].Leader, out var broker)
            || broker.Fenced
            || broker.Endpoints.FirstOrDefault(e => e.ListenerName == context.Session.ListenerName) is not { } endpoint)
        {
            return (ErrorCode.CoordinatorNotAvailable, null, "The coordinator is not available.");
        }

        return (ErrorCode.None, (broker.NodeId, endpoint.Host, endpoint.Port), null);
    }
}
