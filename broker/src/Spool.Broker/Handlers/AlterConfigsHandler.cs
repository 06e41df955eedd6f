using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Protocol.Configs;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Handlers;

/// <summary>AlterConfigs (legacy): replaces a topic's overrides. Broker configs are static in Spool.</summary>
public sealed class AlterConfigsHandler : RequestHandler<AlterConfigsRequest, AlterConfigsResponse>
{
    private readonly MetadataManager _metadata;

    public AlterConfigsHandler(MetadataManager metadata) => _metadata = metadata;

    protected override async ValueTask<AlterConfigsResponse?> HandleAsync(RequestContext context, AlterConfigsRequest request, CancellationToken cancellationToken)
    {
        var response = new AlterConfigsResponse();
        foreach (var resource in request.Resources)
        {
            var result = new AlterConfigsResponse.AlterConfigsResourceResponse { ResourceType = resource.ResourceType, ResourceName = resource.ResourceName };
            response.Responses.Add(result);
            if ((ConfigResourceType)resource.ResourceType != ConfigResourceType.Topic)
            {
                result.ErrorCode = (short)ErrorCode.InvalidRequest;
                result.ErrorMessage = "Spool reads broker configs at start; only topic configs can be altered";
                continue;
            }

            if (!_metadata.Image.Topics.TryGetValue(resource.ResourceName, out var topic))
            {
                result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                result.ErrorMessage = $"Topic {resource.ResourceName} does not exist.";
                continue;
            }

            var changes = TopicConfigChanges.Replace(topic.Configs, resource.Configs.Select(c => (c.Name, c.Value)));
            var outcome = await _metadata.AlterTopicConfigsAsync(topic.Name, changes, request.ValidateOnly, cancellationToken);
            result.ErrorCode = (short)outcome.Error;
            result.ErrorMessage = outcome.Message;
        }

        return response;
    }
}
