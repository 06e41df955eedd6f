using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Handlers;

/// <summary>DescribeCluster: cluster id, controller and brokers (endpoint type 1 = brokers; 2 = controllers).</summary>
public sealed class DescribeClusterHandler : RequestHandler<DescribeClusterRequest, DescribeClusterResponse>
{
    private readonly MetadataManager _metadata;

    public DescribeClusterHandler(MetadataManager metadata) => _metadata = metadata;

    protected override ValueTask<DescribeClusterResponse?> HandleAsync(RequestContext context, DescribeClusterRequest request, CancellationToken cancellationToken)
    {
        var image = _metadata.Image;
        var response = new DescribeClusterResponse
        {
            ClusterId = image.ClusterId,
            ControllerId = image.ControllerId,
            EndpointType = request.EndpointType,
            ClusterAuthorizedOperations = request.IncludeClusterAuthorizedOperations ? AuthorizedOperations.Cluster : AuthorizedOperations.NotRequested,
        };
        if (request.EndpointType is not (1 or 2))
        {
            response.ErrorCode = (short)ErrorCode.UnsupportedEndpointType;
            response.ErrorMessage = $"Unsupported endpoint type {request.EndpointType}";
            return ValueTask.FromResult<DescribeClusterResponse?>(response);
        }

        // Every node runs the controller role too, so controllers are reached on the same endpoints.
        response.Brokers = image.Brokers.Values
            .Where(b => request.IncludeFencedBrokers || !b.Fenced)
            .OrderBy(b => b.NodeId)
            .Select(b => (Broker: b, Endpoint: b.Endpoints.FirstOrDefault(e => e.ListenerName == context.Session.ListenerName) ?? (b.Endpoints.Count > 0 ? b.Endpoints[0] : null)))
            .Where(x => x.Endpoint is not null)
            .Select(x => new DescribeClusterResponse.DescribeClusterBroker
            {
                BrokerId = x.Broker.NodeId,
                Host = x.Endpoint!.Host,
                Port = x.Endpoint.Port,
                Rack = x.Broker.Rack,
                IsFenced = x.Broker.Fenced,
            })
            .ToList();
        return ValueTask.FromResult<DescribeClusterResponse?>(response);
    }
}
