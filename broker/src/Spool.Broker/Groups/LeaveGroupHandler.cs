using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Groups;

/// <summary>
/// LeaveGroup: one member (v0-v2) or many, by member id or group instance id (v3+). Before v3 the response has one
/// error: the top-level one, else the member's.
/// </summary>
public sealed class LeaveGroupHandler : RequestHandler<LeaveGroupRequest, LeaveGroupResponse>
{
    private readonly GroupCoordinator _coordinator;

    public LeaveGroupHandler(GroupCoordinator coordinator) => _coordinator = coordinator;

    protected override ValueTask<LeaveGroupResponse?> HandleAsync(RequestContext context, LeaveGroupRequest request, CancellationToken cancellationToken)
    {
        var version = context.ApiVersion;
        var members = version >= 3
            ? request.Members.Select(m => new LeavingMember(m.MemberId, m.GroupInstanceId, version >= 5 ? m.Reason : null)).ToList()
            : [new LeavingMember(request.MemberId, null)];
        var result = _coordinator.LeaveGroup(request.GroupId, members);
        var response = new LeaveGroupResponse();
        if (version >= 3)
        {
            response.ErrorCode = (short)result.Error;
            response.Members = result.Members.Select(m => new LeaveGroupResponse.MemberResponse
            {
                MemberId = m.MemberId,
                GroupInstanceId = m.GroupInstanceId,
                ErrorCode = (short)m.Error,
            }).ToList();
        }
        else
        {
            var error = result.Error != ErrorCode.None ? result.Error
                : result.Members.Select(m => m.Error).FirstOrDefault(e => e != ErrorCode.None, ErrorCode.None);
            response.ErrorCode = (short)error;
        }

        return ValueTask.FromResult<LeaveGroupResponse?>(response);
    }
}
