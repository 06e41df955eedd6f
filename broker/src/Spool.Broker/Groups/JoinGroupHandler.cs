using Spool.Broker.Network;
using Spool.Protocol.Messages;

namespace Spool.Broker.Groups;

/// <summary>
/// JoinGroup: parks until the rebalance completes, like Kafka (the connection handles one request at a time, so
/// the client sends its heartbeats on another connection, as Kafka clients do).
/// </summary>
public sealed class JoinGroupHandler : RequestHandler<JoinGroupRequest, JoinGroupResponse>
{
    private readonly GroupCoordinator _coordinator;

    public JoinGroupHandler(GroupCoordinator coordinator) => _coordinator = coordinator;

    protected override async ValueTask<JoinGroupResponse?> HandleAsync(RequestContext context, JoinGroupRequest request, CancellationToken cancellationToken)
    {
        var version = context.ApiVersion;
        var result = await _coordinator.JoinGroupAsync(new JoinGroupRequestArgs(
            request.GroupId,
            request.MemberId,
            version >= 5 ? request.GroupInstanceId : null,

            // MEMBER_ID_REQUIRED exists from v4, for dynamic members only.
            RequireKnownMemberId: version >= 4 && (version < 5 || request.GroupInstanceId is null),
            SupportSkippingAssignment: version >= 9,
            context.ClientId,
            context.Session.ClientHost,

            // v0 has no rebalance timeout: the session timeout serves as both.
            version == 0 ? request.SessionTimeoutMs : request.RebalanceTimeoutMs,
            request.SessionTimeoutMs,
            request.ProtocolType,
            request.Protocols.Select(p => new GroupProtocol(p.Name, p.Metadata)).ToList(),
            version >= 8 ? request.Reason : null)).WaitAsync(cancellationToken);

        return new JoinGroupResponse
        {
            ErrorCode = (short)result.Error,
            GenerationId = result.GenerationId,
            ProtocolType = result.ProtocolType,
            ProtocolName = version >= 7 ? result.ProtocolName : result.ProtocolName ?? string.Empty,
            Leader = result.LeaderId,
            SkipAssignment = result.SkipAssignment,
            MemberId = result.MemberId,
            Members = result.Members.Select(m => new JoinGroupResponse.JoinGroupResponseMember
            {
                MemberId = m.MemberId,
                GroupInstanceId = m.GroupInstanceId,
                Metadata = m.Metadata,
            }).ToList(),
        };
    }
}
