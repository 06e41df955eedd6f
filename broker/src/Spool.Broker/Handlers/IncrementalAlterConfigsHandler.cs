using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Broker.Partitions;
using Spool.Protocol.Configs;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Handlers;

/// <summary>IncrementalAlterConfigs: SET, DELETE, APPEND and SUBTRACT on topic configs.</summary>
public sealed class IncrementalAlterConfigsHandler : RequestHandler<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse>
{
    private readonly MetadataManager _metadata;
    private readonly ReplicaManager _replicas;

    public IncrementalAlterConfigsHandler(MetadataManager metadata, ReplicaManager replicas)
    {
        _metadata = metadata;
        _replicas = replicas;
    }

    protected override async ValueTask<IncrementalAlterConfigsResponse?> HandleAsync(RequestContext context, IncrementalAlterConfigsRequest request, CancellationToken cancellationToken)
    {
        var response = new IncrementalAlterConfigsResponse();
        foreach (var resource in request.Resources)
        {
            var result = new IncrementalAlterConfigsResponse.AlterConfigsResourceResponse { ResourceType = resource.ResourceType, ResourceName = resource.ResourceName };
            response.Responses.Add(result);
            if ((ConfigResourceType)resource.ResourceType != ConfigResourceType.Topic)
            {
                result.ErrorCode = (short)ErrorCode.InvalidRequest;
                result.ErrorMessage = "Spool reads broker configs at start; only topic configs can be altered";
                continue;
            }

            if (!_metadata.Image.Topics.ContainsKey(resource.ResourceName))
            {
                result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                result.ErrorMessage = $"Topic {resource.ResourceName} does not exist.";
                continue;
            }

            var (changes, error, message) = TopicConfigChanges.Incremental(
                _replicas.TopicConfig(resource.ResourceName),
                resource.Configs.Select(c => (c.Name, c.ConfigOperation, c.Value)));
            if (error != ErrorCode.None)
            {
                result.ErrorCode = (short)error;
                result.ErrorMessage = message;
                continue;
            }

            var outcome = await _metadata.AlterTopicConfigsAsync(resource.ResourceName, changes, request.ValidateOnly, cancellationToken);
            result.ErrorCode = (short)outcome.Error;
            result.ErrorMessage = outcome.Message;
        }

        return response;
    }
}
