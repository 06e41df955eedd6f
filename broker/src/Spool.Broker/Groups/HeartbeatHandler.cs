using Spool.Broker.Network;
using Spool.Protocol.Messages;

namespace Spool.Broker.Groups;

/// <summary>Heartbeat: keeps a member's session alive and tells it when a rebalance is under way.</summary>
public sealed class HeartbeatHandler : RequestHandler<HeartbeatRequest, HeartbeatResponse>
{
    private readonly GroupCoordinator _coordinator;

    public HeartbeatHandler(GroupCoordinator coordinator) => _coordinator = coordinator;

    protected override ValueTask<HeartbeatResponse?> HandleAsync(RequestContext context, HeartbeatRequest request, CancellationToken cancellationToken)
    {
        var error = _coordinator.Heartbeat(request.GroupId, request.MemberId, context.ApiVersion >= 3 ? request.GroupInstanceId : null, request.GenerationId);
        return ValueTask.FromResult<HeartbeatResponse?>(new HeartbeatResponse { ErrorCode = (short)error });
    }
}
