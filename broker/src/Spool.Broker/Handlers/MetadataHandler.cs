using Spool.Broker.Configuration;
using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Handlers;

/// <summary>
/// Metadata: brokers (endpoints of the listener the request came in on), topics with partitions, leaders,
/// replicas and ISR. Unknown topics are created when both the request and auto.create.topics.enable allow it.
/// </summary>
public sealed class MetadataHandler : RequestHandler<MetadataRequest, MetadataResponse>
{
    private readonly MetadataManager _metadata;
    private readonly BrokerConfig _config;

    public MetadataHandler(MetadataManager metadata, BrokerConfig config)
    {
        _metadata = metadata;
        _config = config;
    }

    protected override async ValueTask<MetadataResponse?> HandleAsync(RequestContext context, MetadataRequest request, CancellationToken cancellationToken)
    {
        var version = context.ApiVersion;
        var image = _metadata.Image;
        var response = new MetadataResponse
        {
            ClusterId = image.ClusterId,
            ControllerId = image.ControllerId,
            Brokers = Brokers(image, context.Session.ListenerName),
            ClusterAuthorizedOperations = version is >= 8 and <= 10 && request.IncludeClusterAuthorizedOperations ? AuthorizedOperations.Cluster : AuthorizedOperations.NotRequested,
        };

        var includeOps = version >= 8 && request.IncludeTopicAuthorizedOperations;
        var allTopics = request.Topics is null || (version == 0 && request.Topics.Count == 0);
        if (allTopics)
        {
            foreach (var topic in image.Topics.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                response.Topics.Add(Describe(topic, includeOps));
            }

            return response;
        }

        var autoCreate = _config.AutoCreateTopicsEnable && (version < 4 || request.AllowAutoTopicCreation);
        foreach (var requested in request.Topics!)
        {
            if (requested.Name is null)
            {
                response.Topics.Add(image.TopicsById.TryGetValue(requested.TopicId, out var byId)
                    ? Describe(byId, includeOps)
                    : Error(null, requested.TopicId, ErrorCode.UnknownTopicId));
                continue;
            }

            if (image.Topics.TryGetValue(requested.Name, out var topic))
            {
                response.Topics.Add(Describe(topic, includeOps));
                continue;
            }

            if (TopicNames.Validate(requested.Name) is not null)
            {
                response.Topics.Add(Error(requested.Name, Uuid.Zero, ErrorCode.InvalidTopicException));
                continue;
            }

            if (!autoCreate)
            {
                response.Topics.Add(Error(requested.Name, Uuid.Zero, ErrorCode.UnknownTopicOrPartition));
                continue;
            }

            var created = await _metadata.CreateTopicAsync(requested.Name, -1, -1, null, new Dictionary<string, string?>(), validateOnly: false, cancellationToken);
            response.Topics.Add(created.Error switch
            {
                ErrorCode.None => Describe(created.Topic!, includeOps),

                // Another request created it first.
                ErrorCode.TopicAlreadyExists when _metadata.Image.Topics.TryGetValue(requested.Name, out var raced) => Describe(raced, includeOps),
                var e => Error(requested.Name, Uuid.Zero, e),
            });
        }

        return response;
    }

    internal static List<MetadataResponse.MetadataResponseBroker> Brokers(ClusterImage image, string listener) =>
        image.Brokers.Values
            .Where(b => !b.Fenced)
            .OrderBy(b => b.NodeId)
            .Select(b => (Broker: b, Endpoint: b.Endpoints.FirstOrDefault(e => e.ListenerName == listener) ?? (b.Endpoints.Count > 0 ? b.Endpoints[0] : null)))
            .Where(x => x.Endpoint is not null)
            .Select(x => new MetadataResponse.MetadataResponseBroker
            {
                NodeId = x.Broker.NodeId,
                Host = x.Endpoint!.Host,
                Port = x.Endpoint.Port,
                Rack = x.Broker.Rack,
            })
            .ToList();

    private static MetadataResponse.MetadataResponseTopic Describe(TopicImage topic, bool includeOps) => new()
    {
        Name = topic.Name,
        TopicId = topic.Id,
        IsInternal = topic.IsInternal,
        TopicAuthorizedOperations = includeOps ? AuthorizedOperations.Topic : AuthorizedOperations.NotRequested,
        Partitions = topic.Partitions.Select(p => new MetadataResponse.MetadataResponsePartition
        {
            PartitionIndex = p.Index,
            LeaderId = p.Leader,
            LeaderEpoch = p.LeaderEpoch,
            ReplicaNodes = p.Replicas.ToList(),
            IsrNodes = p.Isr.ToList(),
            ErrorCode = (short)(p.Leader < 0 ? ErrorCode.LeaderNotAvailable : ErrorCode.None),
        }).ToList(),
    };

    private static MetadataResponse.MetadataResponseTopic Error(string? name, Uuid id, ErrorCode error) => new()
    {
        Name = name,
        TopicId = id,
        ErrorCode = (short)error,
        TopicAuthorizedOperations = AuthorizedOperations.NotRequested,
    };
}
