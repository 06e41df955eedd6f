using Spool.Broker.Configuration;
using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Handlers;

/// <summary>DeleteTopics by name (v1–5) or by name or id (v6+).</summary>
public sealed class DeleteTopicsHandler : RequestHandler<DeleteTopicsRequest, DeleteTopicsResponse>
{
    private readonly MetadataManager _metadata;
    private readonly BrokerConfig _config;

    public DeleteTopicsHandler(MetadataManager metadata, BrokerConfig config)
    {
        _metadata = metadata;
        _config = config;
    }

    protected override async ValueTask<DeleteTopicsResponse?> HandleAsync(RequestContext context, DeleteTopicsRequest request, CancellationToken cancellationToken)
    {
        var targets = context.ApiVersion >= 6
            ? request.Topics.Select(t => (t.Name, t.TopicId)).ToList()
            : request.TopicNames.Select(n => ((string?)n, Uuid.Zero)).ToList();
        var response = new DeleteTopicsResponse();
        foreach (var (name, id) in targets)
        {
            var result = new DeleteTopicsResponse.DeletableTopicResult { Name = name, TopicId = id };
            response.Responses.Add(result);
            var image = _metadata.Image;
            TopicImage? topic = null;
            if (name is not null && id != Uuid.Zero)
            {
                Fail(result, ErrorCode.InvalidRequest, "Only one of topic name and topic id may be given");
                continue;
            }

            if (name is not null)
            {
                image.Topics.TryGetValue(name, out topic);
            }
            else
            {
                image.TopicsById.TryGetValue(id, out topic);
            }

            if (topic is null)
            {
                Fail(result, name is null ? ErrorCode.UnknownTopicId : ErrorCode.UnknownTopicOrPartition, name is null ? "Unknown topic id" : "This server does not host this topic-partition.");
                continue;
            }

            result.Name = topic.Name;
            result.TopicId = topic.Id;
            if (!_config.DeleteTopicEnable)
            {
                Fail(result, ErrorCode.TopicDeletionDisabled, "Topic deletion is disabled.");
                continue;
            }

            var deleted = await _metadata.DeleteTopicAsync(topic.Name, cancellationToken);
            if (deleted.Error != ErrorCode.None)
            {
                Fail(result, deleted.Error, deleted.Message);
            }
        }

        return response;
    }

    private static void Fail(DeleteTopicsResponse.DeletableTopicResult result, ErrorCode error, string? message)
    {
        result.ErrorCode = (short)error;
        result.ErrorMessage = message;
    }
}
