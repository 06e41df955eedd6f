using Spool.Broker.Handlers;
using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Groups;

/// <summary>
/// DescribeGroups: state, protocol and members. As in Kafka, member metadata and assignments (and the protocol
/// name) are shown only for Stable groups; a group that does not exist is "Dead", and from v6 (KIP-1043) also
/// GROUP_ID_NOT_FOUND.
/// </summary>
public sealed class DescribeGroupsHandler : RequestHandler<DescribeGroupsRequest, DescribeGroupsResponse>
{
    private readonly GroupCoordinator _coordinator;

    public DescribeGroupsHandler(GroupCoordinator coordinator) => _coordinator = coordinator;

    protected override ValueTask<DescribeGroupsResponse?> HandleAsync(RequestContext context, DescribeGroupsRequest request, CancellationToken cancellationToken)
    {
        var version = context.ApiVersion;
        var operations = version >= 3 && request.IncludeAuthorizedOperations ? AuthorizedOperations.Group : AuthorizedOperations.NotRequested;
        var response = new DescribeGroupsResponse();
        foreach (var groupId in request.Groups)
        {
            var (error, group) = _coordinator.DescribeGroup(groupId);
            var described = new DescribeGroupsResponse.DescribedGroup { GroupId = groupId, ErrorCode = (short)error };
            response.Groups.Add(described);
            if (error != ErrorCode.None)
            {
                continue;
            }

            if (group is null)
            {
                described.GroupState = nameof(GroupState.Dead);
                if (version >= 6)
                {
                    described.ErrorCode = (short)ErrorCode.GroupIdNotFound;
                    described.ErrorMessage = $"Group {groupId} not found.";
                }

                continue;
            }

            var stable = group.State == GroupState.Stable;
            described.GroupState = group.State.ToString();
            described.ProtocolType = group.ProtocolType ?? string.Empty;
            described.ProtocolData = stable ? group.ProtocolName ?? string.Empty : string.Empty;
            described.AuthorizedOperations = operations;
            described.Members = group.Members.Select(m => new DescribeGroupsResponse.DescribedGroupMember
            {
                MemberId = m.MemberId,
                GroupInstanceId = m.GroupInstanceId,
                ClientId = m.ClientId,
                ClientHost = m.ClientHost,
                MemberMetadata = stable ? m.Metadata : [],
                MemberAssignment = stable ? m.Assignment : [],
            }).ToList();
        }

        return ValueTask.FromResult<DescribeGroupsResponse?>(response);
    }
}
