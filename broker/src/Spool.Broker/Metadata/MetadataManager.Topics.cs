using Spool.Protocol;

namespace Spool.Broker.Metadata;

/// <summary>Topic creation, deletion, partition increases and config changes.</summary>
public sealed partial class MetadataManager
{
    /// <summary>Creates a topic. partitions/replicationFactor of -1 take the broker defaults.</summary>
    public async Task<TopicResult> CreateTopicAsync(
        string name,
        int partitions,
        short replicationFactor,
        IReadOnlyList<int[]>? assignments,
        IReadOnlyDictionary<string, string?> configs,
        bool validateOnly,
        CancellationToken cancellationToken = default)
    {
        TopicImage? created = null;
        var (error, message, image) = await CommitAsync(
            current =>
            {
                var invalid = TopicNames.Validate(name);
                if (invalid is not null)
                {
                    return ([], ErrorCode.InvalidTopicException, invalid);
                }

                if (current.Topics.ContainsKey(name))
                {
                    return ([], ErrorCode.TopicAlreadyExists, $"Topic '{name}' already exists.");
                }

                var key = TopicNames.CollisionKey(name);
                var collision = current.Topics.Keys.FirstOrDefault(t => TopicNames.CollisionKey(t) == key);
                if (collision is not null)
                {
                    return ([], ErrorCode.InvalidTopicException, $"Topic '{name}' collides with existing topic: {collision}");
                }

                var (placement, placementError, placementMessage) = PlaceReplicas(current, 0, partitions, replicationFactor, assignments);
                if (placementError != ErrorCode.None)
                {
                    return ([], placementError, placementMessage);
                }

                var configError = ValidateConfigs(configs);
                if (configError is not null)
                {
                    return ([], ErrorCode.InvalidConfig, configError);
                }

                var id = Uuid.NewRandom();
                var records = new List<MetadataRecord> { new TopicRecord(name, id.ToString()) };
                records.AddRange(configs.Where(c => c.Value is not null).Select(c => new ConfigRecord("topic", name, c.Key, c.Value)));
                records.AddRange(placement.Select((replicas, p) => new PartitionRecord(id.ToString(), p, replicas, replicas, replicas[0], 0, 0)));
                created = new TopicImage(
                    name,
                    id,
                    placement.Select((r, p) => new PartitionImage(p, r[0], 0, r, r, 0)).ToList(),
                    configs.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!));
                return (records, ErrorCode.None, null);
            },
            cancellationToken,
            validateOnly);
        if (error != ErrorCode.None)
        {
            return TopicResult.Fail(error, message!);
        }

        return TopicResult.Ok(validateOnly ? created! : image.Topics[name]);
    }

    public async Task<TopicResult> DeleteTopicAsync(string name, CancellationToken cancellationToken = default)
    {
        var (error, message, _) = await CommitAsync(
            current =>
            {
                if (!current.Topics.TryGetValue(name, out var topic))
                {
                    return ([], ErrorCode.UnknownTopicOrPartition, "This server does not host this topic-partition.");
                }

                return ([new RemoveTopicRecord(topic.Id.ToString())], ErrorCode.None, null);
            },
            cancellationToken);
        return error == ErrorCode.None ? new TopicResult(ErrorCode.None, null) : TopicResult.Fail(error, message!);
    }

    /// <summary>Raises a topic's partition count (Kafka cannot remove partitions).</summary>
    public async Task<TopicResult> CreatePartitionsAsync(
        string name,
        int count,
        IReadOnlyList<int[]>? assignments,
        bool validateOnly,
        CancellationToken cancellationToken = default)
    {
        var (error, message, image) = await CommitAsync(
            current =>
            {
                if (!current.Topics.TryGetValue(name, out var topic))
                {
                    return ([], ErrorCode.UnknownTopicOrPartition, "This server does not host this topic-partition.");
                }

                var existing = topic.Partitions.Count;
                if (count < existing)
                {
                    return ([], ErrorCode.InvalidPartitions, $"Topic currently has {existing} partitions, which is higher than the requested {count}.");
                }

                if (count == existing)
                {
                    return ([], ErrorCode.InvalidPartitions, $"Topic already has {existing} partitions.");
                }

                var rf = (short)topic.Partitions[0].Replicas.Count;
                if (assignments is not null && assignments.Count != count - existing)
                {
                    return ([], ErrorCode.InvalidReplicaAssignment, $"Increasing the number of partitions by {count - existing} but {assignments.Count} assignments provided.");
                }

                var (placement, placementError, placementMessage) = PlaceReplicas(current, existing, count - existing, rf, assignments);
                if (placementError != ErrorCode.None)
                {
                    return ([], placementError, placementMessage);
                }

                return (placement.Select((r, i) => (MetadataRecord)new PartitionRecord(topic.Id.ToString(), existing + i, r, r, r[0], 0, 0)).ToList(), ErrorCode.None, null);
            },
            cancellationToken,
            validateOnly);
        return error == ErrorCode.None ? TopicResult.Ok(image.Topics[name]) : TopicResult.Fail(error, message!);
    }

    /// <summary>Applies resolved config changes to a topic (validate-only checks them without committing).</summary>
    public async Task<TopicResult> AlterTopicConfigsAsync(string name, IReadOnlyList<ConfigChange> changes, bool validateOnly, CancellationToken cancellationToken = default)
    {
        var (error, message, image) = await CommitAsync(
            current =>
            {
                if (!current.Topics.ContainsKey(name))
                {
                    return ([], ErrorCode.UnknownTopicOrPartition, $"Topic {name} does not exist.");
                }

                var configError = ValidateConfigs(changes.ToDictionary(c => c.Name, c => c.Value));
                if (configError is not null)
                {
                    return ([], ErrorCode.InvalidConfig, configError);
                }

                return (changes.Select(c => (MetadataRecord)new ConfigRecord("topic", name, c.Name, c.Value)).ToList(), ErrorCode.None, null);
            },
            cancellationToken,
            validateOnly);
        return error == ErrorCode.None ? TopicResult.Ok(image.Topics[name]) : TopicResult.Fail(error, message!);
    }

    private string? ValidateConfigs(IReadOnlyDictionary<string, string?> configs)
    {
        foreach (var (key, value) in configs)
        {
            if (!_policy.IsKnown(key))
            {
                return $"Unknown topic config name: {key}";
            }

            // A null value removes the override: only the name needs to be known.
            var problem = value is null ? null : _policy.Validate(key, value);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private (List<int[]> Placement, ErrorCode Error, string? Message) PlaceReplicas(
        ClusterImage image, int firstPartition, int partitions, short replicationFactor, IReadOnlyList<int[]>? assignments)
    {
        var brokers = image.Brokers.Values.Where(b => !b.Fenced).Select(b => b.NodeId).ToList();
        if (brokers.Count == 0)
        {
            brokers.Add(NodeId);
        }

        if (assignments is { Count: > 0 })
        {
            foreach (var a in assignments)
            {
                if (a.Length == 0 || a.Distinct().Count() != a.Length)
                {
                    return ([], ErrorCode.InvalidReplicaAssignment, "Duplicate or empty replica assignment.");
                }

                var unknown = a.FirstOrDefault(id => !brokers.Contains(id), -1);
                if (a.Any(id => !brokers.Contains(id)))
                {
                    return ([], ErrorCode.InvalidReplicaAssignment, $"Unknown broker {unknown} in replica assignment.");
                }
            }

            if (assignments.Select(a => a.Length).Distinct().Count() > 1)
            {
                return ([], ErrorCode.InvalidReplicaAssignment, "All partitions should have the same number of replicas.");
            }

            return (assignments.Select(a => a.ToArray()).ToList(), ErrorCode.None, null);
        }

        var count = partitions == -1 ? _config.NumPartitions : partitions;
        var rf = replicationFactor == -1 ? _config.DefaultReplicationFactor : replicationFactor;
        if (count <= 0)
        {
            return ([], ErrorCode.InvalidPartitions, "Number of partitions must be larger than 0.");
        }

        if (rf <= 0)
        {
            return ([], ErrorCode.InvalidReplicationFactor, "Replication factor must be larger than 0.");
        }

        if (rf > brokers.Count)
        {
            return ([], ErrorCode.InvalidReplicationFactor,
                $"Unable to replicate the partition {rf} time(s): The target replication factor of {rf} cannot be reached because only {brokers.Count} broker(s) are registered.");
        }

        return (ReplicaAssigner.Assign(firstPartition, count, rf, brokers, Random.Shared.Next(brokers.Count)), ErrorCode.None, null);
    }
}
