using Spool.Broker.Network;
using Spool.Protocol.Messages;

namespace Spool.Broker.Groups;

/// <summary>ListGroups: the groups this node coordinates, filtered by state (v4+) and type (v5+).</summary>
public sealed class ListGroupsHandler : RequestHandler<ListGroupsRequest, ListGroupsResponse>
{
    private readonly GroupCoordinator _coordinator;

    public ListGroupsHandler(GroupCoordinator coordinator) => _coordinator = coordinator;

    protected override ValueTask<ListGroupsResponse?> HandleAsync(RequestContext context, ListGroupsRequest request, CancellationToken cancellationToken)
    {
        var version = context.ApiVersion;
        var (error, groups) = _coordinator.ListGroups(
            version >= 4 ? request.StatesFilter : [],
            version >= 5 ? request.TypesFilter : []);
        return ValueTask.FromResult<ListGroupsResponse?>(new ListGroupsResponse
        {
            ErrorCode = (short)error,
            Groups = groups.Select(g => new ListGroupsResponse.ListedGroup
            {
                GroupId = g.GroupId,
                ProtocolType = g.ProtocolType,
                GroupState = g.State.ToString(),
                GroupType = GroupDescription.ClassicType,
            }).ToList(),
        });
    }
}
