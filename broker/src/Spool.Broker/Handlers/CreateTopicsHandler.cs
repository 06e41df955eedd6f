using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Broker.Partitions;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Handlers;

/// <summary>CreateTopics: validates names, partitions, replication and configs; validate-only checks without creating.</summary>
public sealed class CreateTopicsHandler : RequestHandler<CreateTopicsRequest, CreateTopicsResponse>
{
    private readonly MetadataManager _metadata;
    private readonly ReplicaManager _replicas;

    public CreateTopicsHandler(MetadataManager metadata, ReplicaManager replicas)
    {
        _metadata = metadata;
        _replicas = replicas;
    }

    protected override async ValueTask<CreateTopicsResponse?> HandleAsync(RequestContext context, CreateTopicsRequest request, CancellationToken cancellationToken)
    {
        var response = new CreateTopicsResponse();
        var duplicates = request.Topics.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var topic in request.Topics)
        {
            var result = new CreateTopicsResponse.CreatableTopicResult { Name = topic.Name };
            response.Topics.Add(result);
            if (duplicates.Contains(topic.Name))
            {
                Fail(result, ErrorCode.InvalidRequest, "Create topics request from client contains a duplicate topic");
                continue;
            }

            if (topic.Assignments.Count > 0 && (topic.NumPartitions != -1 || topic.ReplicationFactor != -1))
            {
                Fail(result, ErrorCode.InvalidRequest, "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.");
                continue;
            }

            var duplicateConfig = topic.Configs.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicateConfig is not null)
            {
                Fail(result, ErrorCode.InvalidConfig, $"Duplicate config {duplicateConfig.Key}");
                continue;
            }

            var assignments = topic.Assignments.Count == 0
                ? null
                : topic.Assignments.OrderBy(a => a.PartitionIndex).Select(a => a.BrokerIds.ToArray()).ToList();
            if (assignments is not null && !topic.Assignments.Select(a => a.PartitionIndex).Order().SequenceEqual(Enumerable.Range(0, topic.Assignments.Count)))
            {
                Fail(result, ErrorCode.InvalidReplicaAssignment, "Partitions should be a consecutive 0-based integer sequence");
                continue;
            }

            var configs = topic.Configs.ToDictionary(c => c.Name, c => c.Value);
            var created = await _metadata.CreateTopicAsync(topic.Name, topic.NumPartitions, topic.ReplicationFactor, assignments, configs, request.ValidateOnly, cancellationToken);
            if (created.Error != ErrorCode.None)
            {
                Fail(result, created.Error, created.Message);
                continue;
            }

            var image = created.Topic!;
            result.TopicId = request.ValidateOnly ? Uuid.Zero : image.Id;
            result.NumPartitions = image.Partitions.Count;
            result.ReplicationFactor = (short)image.Partitions[0].Replicas.Count;
            var config = LogConfig.Create(image.Configs.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), _replicas.Defaults);
            result.Configs = config.Describe().Select(e => new CreateTopicsResponse.CreatableTopicConfigs
            {
                Name = e.Name,
                Value = e.Value,
                ReadOnly = e.ReadOnly,
                ConfigSource = (sbyte)e.Source,
                IsSensitive = e.IsSensitive,
            }).ToList();
        }

        return response;
    }

    private static void Fail(CreateTopicsResponse.CreatableTopicResult result, ErrorCode error, string? message)
    {
        result.ErrorCode = (short)error;
        result.ErrorMessage = message;
    }
}
