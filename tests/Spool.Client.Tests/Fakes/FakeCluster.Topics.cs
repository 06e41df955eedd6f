using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Fakes;

/// <summary>Metadata, topic administration and configs.</summary>
public sealed partial class FakeCluster
{
    private MetadataResponse Metadata(MetadataRequest request)
    {
        lock (_lock)
        {
            var names = request.Topics?.Select(t => t.Name!).ToList();
            if (names is { Count: 0 } && request.Topics is not null)
            {
                names = [];
            }

            var response = new MetadataResponse
            {
                ClusterId = ClusterId,
                ControllerId = ControllerId,
                Brokers = [.. Servers.Select(s => new MetadataResponse.MetadataResponseBroker { NodeId = s.NodeId, Host = s.AdvertisedHost, Port = s.Port })],
            };
            foreach (var name in names ?? [.. Topics.Keys])
            {
                if (!Topics.TryGetValue(name, out var topic) && AutoCreateTopics && request.AllowAutoTopicCreation)
                {
                    topic = CreateTopicLocked(name, 1);
                }

                response.Topics.Add(topic is null
                    ? new MetadataResponse.MetadataResponseTopic { Name = name, ErrorCode = (short)ErrorCode.UnknownTopicOrPartition }
                    : new MetadataResponse.MetadataResponseTopic
                    {
                        Name = name,
                        TopicId = topic.Id,
                        IsInternal = name.StartsWith("__", StringComparison.Ordinal),
                        Partitions = [.. topic.Partitions.Select(p => new MetadataResponse.MetadataResponsePartition
                        {
                            PartitionIndex = p.Index,
                            LeaderId = p.Leader,
                            LeaderEpoch = p.LeaderEpoch,
                            ReplicaNodes = [p.Leader],
                            IsrNodes = [p.Leader],
                        })],
                    });
            }

            return response;
        }
    }

    private FakeTopic CreateTopicLocked(string name, int partitions)
    {
        var topic = new FakeTopic(name, Uuid.NewRandom());
        for (var i = 0; i < partitions; i++)
        {
            topic.Partitions.Add(new FakePartition(i, i % Servers.Count));
        }

        Topics[name] = topic;
        return topic;
    }

    private CreateTopicsResponse CreateTopics(CreateTopicsRequest request)
    {
        lock (_lock)
        {
            var response = new CreateTopicsResponse();
            foreach (var t in request.Topics)
            {
                var result = new CreateTopicsResponse.CreatableTopicResult { Name = t.Name };
                if (Topics.ContainsKey(t.Name))
                {
                    result.ErrorCode = (short)ErrorCode.TopicAlreadyExists;
                    result.ErrorMessage = $"Topic '{t.Name}' already exists.";
                }
                else if (t.Configs.FirstOrDefault(c => c.Name == "cleanup.policy" && c.Value == "bogus") is not null)
                {
                    result.ErrorCode = (short)ErrorCode.InvalidConfig;
                    result.ErrorMessage = "Invalid value bogus for configuration cleanup.policy";
                }
                else
                {
                    var partitions = t.NumPartitions < 0 ? 1 : t.NumPartitions;
                    if (!request.ValidateOnly)
                    {
                        var topic = CreateTopicLocked(t.Name, partitions);
                        topic.ReplicationFactor = t.ReplicationFactor < 0 ? (short)1 : t.ReplicationFactor;
                        foreach (var c in t.Configs)
                        {
                            topic.Configs[c.Name] = c.Value;
                        }

                        result.TopicId = topic.Id;
                    }

                    result.NumPartitions = partitions;
                    result.ReplicationFactor = t.ReplicationFactor < 0 ? (short)1 : t.ReplicationFactor;
                    result.Configs = [.. t.Configs.Select(c => new CreateTopicsResponse.CreatableTopicConfigs { Name = c.Name, Value = c.Value, ConfigSource = 1 })];
                }

                response.Topics.Add(result);
            }

            return response;
        }
    }

    private DeleteTopicsResponse DeleteTopics(DeleteTopicsRequest request, short version)
    {
        lock (_lock)
        {
            var names = version >= 6 ? request.Topics.Select(t => t.Name!).ToList() : request.TopicNames;
            return new DeleteTopicsResponse
            {
                Responses = [.. names.Select(name => new DeleteTopicsResponse.DeletableTopicResult
                {
                    Name = name,
                    ErrorCode = Topics.Remove(name) ? (short)0 : (short)ErrorCode.UnknownTopicOrPartition,
                })],
            };
        }
    }

    private CreatePartitionsResponse CreatePartitions(CreatePartitionsRequest request)
    {
        lock (_lock)
        {
            var response = new CreatePartitionsResponse();
            foreach (var t in request.Topics)
            {
                var result = new CreatePartitionsResponse.CreatePartitionsTopicResult { Name = t.Name };
                if (!Topics.TryGetValue(t.Name, out var topic))
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                }
                else if (t.Count <= topic.Partitions.Count)
                {
                    result.ErrorCode = (short)ErrorCode.InvalidPartitions;
                    result.ErrorMessage = $"Topic currently has {topic.Partitions.Count} partitions, which is higher than the requested {t.Count}.";
                }
                else if (!request.ValidateOnly)
                {
                    for (var i = topic.Partitions.Count; i < t.Count; i++)
                    {
                        topic.Partitions.Add(new FakePartition(i, i % Servers.Count));
                    }
                }

                response.Results.Add(result);
            }

            return response;
        }
    }

    private DescribeConfigsResponse DescribeConfigs(DescribeConfigsRequest request)
    {
        lock (_lock)
        {
            var response = new DescribeConfigsResponse();
            foreach (var resource in request.Resources)
            {
                var result = new DescribeConfigsResponse.DescribeConfigsResult { ResourceType = resource.ResourceType, ResourceName = resource.ResourceName, ErrorMessage = null };
                if (resource.ResourceType == 2 && !Topics.ContainsKey(resource.ResourceName))
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    result.ErrorMessage = $"Topic {resource.ResourceName} does not exist";
                }
                else
                {
                    var overrides = resource.ResourceType == 2 ? Topics[resource.ResourceName].Configs : new Dictionary<string, string?> { ["num.partitions"] = "1" };
                    var entries = new Dictionary<string, DescribeConfigsResponse.DescribeConfigsResourceResult>(StringComparer.Ordinal)
                    {
                        ["retention.ms"] = Entry("retention.ms", "604800000", 5, "The retention time.", request),
                    };
                    foreach (var (name, value) in overrides)
                    {
                        var entry = Entry(name, value, (sbyte)(resource.ResourceType == 2 ? 1 : 4), null, request);
                        if (request.IncludeSynonyms && entries.TryGetValue(name, out var fallback))
                        {
                            entry.Synonyms.Add(new DescribeConfigsResponse.DescribeConfigsSynonym { Name = "log." + name, Value = fallback.Value, Source = 5 });
                        }

                        entries[name] = entry;
                    }

                    result.Configs = [.. entries.Values.Where(e => resource.ConfigurationKeys is null || resource.ConfigurationKeys.Contains(e.Name))];
                }

                response.Results.Add(result);
            }

            return response;
        }
    }

    private static DescribeConfigsResponse.DescribeConfigsResourceResult Entry(string name, string? value, sbyte source, string? doc, DescribeConfigsRequest request) => new()
    {
        Name = name,
        Value = value,
        ConfigSource = source,
        ConfigType = 5,
        Documentation = request.IncludeDocumentation ? doc : null,
    };

    private IncrementalAlterConfigsResponse IncrementalAlterConfigs(IncrementalAlterConfigsRequest request)
    {
        lock (_lock)
        {
            var response = new IncrementalAlterConfigsResponse();
            foreach (var resource in request.Resources)
            {
                var result = new IncrementalAlterConfigsResponse.AlterConfigsResourceResponse { ResourceType = resource.ResourceType, ResourceName = resource.ResourceName };
                if (!Topics.TryGetValue(resource.ResourceName, out var topic))
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                }
                else if (!request.ValidateOnly)
                {
                    foreach (var config in resource.Configs)
                    {
                        if (config.ConfigOperation == 1)
                        {
                            topic.Configs.Remove(config.Name);
                        }
                        else
                        {
                            topic.Configs[config.Name] = config.Value;
                        }
                    }
                }

                response.Responses.Add(result);
            }

            return response;
        }
    }

    private AlterConfigsResponse AlterConfigs(AlterConfigsRequest request)
    {
        lock (_lock)
        {
            var response = new AlterConfigsResponse();
            foreach (var resource in request.Resources)
            {
                var result = new AlterConfigsResponse.AlterConfigsResourceResponse { ResourceType = resource.ResourceType, ResourceName = resource.ResourceName };
                if (!Topics.TryGetValue(resource.ResourceName, out var topic))
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                }
                else if (!request.ValidateOnly)
                {
                    topic.Configs.Clear();
                    foreach (var config in resource.Configs)
                    {
                        topic.Configs[config.Name] = config.Value;
                    }
                }

                response.Responses.Add(result);
            }

            return response;
        }
    }

    private DescribeClusterResponse DescribeCluster() => new()
    {
        ClusterId = ClusterId,
        ControllerId = ControllerId,
        Brokers = [.. Servers.Select(s => new DescribeClusterResponse.DescribeClusterBroker { BrokerId = s.NodeId, Host = s.AdvertisedHost, Port = s.Port, Rack = "rack-" + s.NodeId })],
    };

    private DescribeLogDirsResponse DescribeLogDirs()
    {
        lock (_lock)
        {
            return new DescribeLogDirsResponse
            {
                Results =
                [
                    new DescribeLogDirsResponse.DescribeLogDirsResult
                    {
                        LogDir = "/fake/data",
                        TotalBytes = 1000,
                        UsableBytes = 600,
                        Topics = [.. Topics.Values.Select(t => new DescribeLogDirsResponse.DescribeLogDirsTopic
                        {
                            Name = t.Name,
                            Partitions = [.. t.Partitions.Select(p => new DescribeLogDirsResponse.DescribeLogDirsPartition
                            {
                                PartitionIndex = p.Index,
                                PartitionSize = p.Batches.Sum(b => (long)b.Length),
                            })],
                        })],
                    },
                ],
            };
        }
    }
}
