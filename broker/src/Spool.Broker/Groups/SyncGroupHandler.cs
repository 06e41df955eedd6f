using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Groups;

/// <summary>SyncGroup: parks until the leader's assignment is stored, then answers with this member's part.</summary>
public sealed class SyncGroupHandler : RequestHandler<SyncGroupRequest, SyncGroupResponse>
{
    private readonly GroupCoordinator _coordinator;

    public SyncGroupHandler(GroupCoordinator coordinator) => _coordinator = coordinator;

    protected override async ValueTask<SyncGroupResponse?> HandleAsync(RequestContext context, SyncGroupRequest request, CancellationToken cancellationToken)
    {
        var version = context.ApiVersion;

        // From v5 the protocol type and name are mandatory (KIP-559).
        if (version >= 5 && (request.ProtocolType is null || request.ProtocolName is null))
        {
            return new SyncGroupResponse { ErrorCode = (short)ErrorCode.InconsistentGroupProtocol };
        }

        var assignments = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var a in request.Assignments)
        {
            assignments[a.MemberId] = a.Assignment;
        }

        var result = await _coordinator.SyncGroupAsync(new SyncGroupRequestArgs(
            request.GroupId,
            request.GenerationId,
            request.MemberId,
            version >= 3 ? request.GroupInstanceId : null,
            version >= 5 ? request.ProtocolType : null,
            version >= 5 ? request.ProtocolName : null,
            assignments)).WaitAsync(cancellationToken);

        return new SyncGroupResponse
        {
            ErrorCode = (short)result.Error,
            ProtocolType = result.ProtocolType,
            ProtocolName = result.ProtocolName,
            Assignment = result.Assignment,
        };
    }
}
