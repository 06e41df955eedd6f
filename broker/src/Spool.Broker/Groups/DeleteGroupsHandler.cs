using Spool.Broker.Network;
using Spool.Protocol.Messages;

namespace Spool.Broker.Groups;

/// <summary>DeleteGroups: deletes empty groups and their committed offsets.</summary>
public sealed class DeleteGroupsHandler : RequestHandler<DeleteGroupsRequest, DeleteGroupsResponse>
{
    private readonly GroupCoordinator _coordinator;

    public DeleteGroupsHandler(GroupCoordinator coordinator) => _coordinator = coordinator;

    protected override ValueTask<DeleteGroupsResponse?> HandleAsync(RequestContext context, DeleteGroupsRequest request, CancellationToken cancellationToken)
    {
        var results = _coordinator.DeleteGroups(request.GroupsNames);
        return ValueTask.FromResult<DeleteGroupsResponse?>(new DeleteGroupsResponse
        {
            Results = request.GroupsNames.Distinct(StringComparer.Ordinal).Select(id => new DeleteGroupsResponse.DeletableGroupResult
            {
                GroupId = id,
                ErrorCode = (short)results[id],
            }).ToList(),
        });
    }
}
