using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Handlers;

/// <summary>CreatePartitions: raises partition counts (a decrease is INVALID_PARTITIONS, as in Kafka).</summary>
public sealed class CreatePartitionsHandler : RequestHandler<CreatePartitionsRequest, CreatePartitionsResponse>
{
    private readonly MetadataManager _metadata;

    public CreatePartitionsHandler(MetadataManager metadata) => _metadata = metadata;

    protected override async ValueTask<CreatePartitionsResponse?> HandleAsync(RequestContext context, CreatePartitionsRequest request, CancellationToken cancellationToken)
    {
        var response = new CreatePartitionsResponse();
        var duplicates = request.Topics.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var topic in request.Topics)
        {
            var result = new CreatePartitionsResponse.CreatePartitionsTopicResult { Name = topic.Name };
            response.Results.Add(result);
            if (duplicates.Contains(topic.Name))
            {
                result.ErrorCode = (short)ErrorCode.InvalidRequest;
                result.ErrorMessage = "Duplicate topic in request.";
                continue;
            }

            var assignments = topic.Assignments?.Select(a => a.BrokerIds.ToArray()).ToList();
            var outcome = await _metadata.CreatePartitionsAsync(topic.Name, topic.Count, assignments, request.ValidateOnly, cancellationToken);
            result.ErrorCode = (short)outcome.Error;
            result.ErrorMessage = outcome.Message;
        }

        return response;
    }
}
