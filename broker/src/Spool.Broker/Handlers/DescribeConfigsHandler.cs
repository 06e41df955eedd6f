using System.Globalization;
using Spool.Broker.Configuration;
using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Broker.Partitions;
using Spool.Protocol.Configs;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Handlers;

/// <summary>
/// DescribeConfigs for topics (every topic config with its effective value, source and synonyms) and for
/// this broker (its static configuration). Documentation (v3+) and synonyms (v1+) when asked for.
/// </summary>
public sealed class DescribeConfigsHandler : RequestHandler<DescribeConfigsRequest, DescribeConfigsResponse>
{
    private readonly MetadataManager _metadata;
    private readonly ReplicaManager _replicas;
    private readonly BrokerConfig _config;

    public DescribeConfigsHandler(MetadataManager metadata, ReplicaManager replicas, BrokerConfig config)
    {
        _metadata = metadata;
        _replicas = replicas;
        _config = config;
    }

    protected override ValueTask<DescribeConfigsResponse?> HandleAsync(RequestContext context, DescribeConfigsRequest request, CancellationToken cancellationToken)
    {
        var version = context.ApiVersion;
        var response = new DescribeConfigsResponse();
        foreach (var resource in request.Resources)
        {
            var result = new DescribeConfigsResponse.DescribeConfigsResult { ResourceType = resource.ResourceType, ResourceName = resource.ResourceName };
            response.Results.Add(result);
            var keys = resource.ConfigurationKeys?.ToHashSet(StringComparer.Ordinal);
            switch ((ConfigResourceType)resource.ResourceType)
            {
                case ConfigResourceType.Topic:
                    if (!_metadata.Image.Topics.TryGetValue(resource.ResourceName, out var topic))
                    {
                        Fail(result, ErrorCode.UnknownTopicOrPartition, $"Topic {resource.ResourceName} does not exist.");
                        break;
                    }

                    var config = LogConfig.Create(topic.Configs.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), _replicas.Defaults);
                    foreach (var entry in config.Describe().Where(e => keys is null || keys.Contains(e.Name)))
                    {
                        result.Configs.Add(new DescribeConfigsResponse.DescribeConfigsResourceResult
                        {
                            Name = entry.Name,
                            Value = entry.Value,
                            ReadOnly = entry.ReadOnly,
                            ConfigSource = (sbyte)entry.Source,
                            IsSensitive = entry.IsSensitive,
                            ConfigType = (sbyte)entry.Type,
                            Documentation = request.IncludeDocumentation ? entry.Documentation : null,
                            Synonyms = request.IncludeSynonyms && version >= 1
                                ? entry.Synonyms.Select(s => new DescribeConfigsResponse.DescribeConfigsSynonym { Name = s.Name, Value = s.Value, Source = (sbyte)s.Source }).ToList()
                                : [],
                        });
                    }

                    break;
                case ConfigResourceType.Broker:
                    if (resource.ResourceName.Length > 0 && resource.ResourceName != _config.NodeId.ToString(CultureInfo.InvariantCulture))
                    {
                        Fail(result, ErrorCode.InvalidRequest, $"Unexpected broker id, expected {_config.NodeId} or empty string, but received {resource.ResourceName}");
                        break;
                    }

                    foreach (var key in BrokerConfigKeys.Known.OrderBy(k => k.Name, StringComparer.Ordinal).Where(k => keys is null || keys.Contains(k.Name)))
                    {
                        var value = _config.Get(key.Name);
                        var source = _config.IsSet(key.Name) ? ConfigSource.StaticBrokerConfig : ConfigSource.DefaultConfig;
                        result.Configs.Add(new DescribeConfigsResponse.DescribeConfigsResourceResult
                        {
                            Name = key.Name,
                            Value = value,
                            ReadOnly = true,
                            ConfigSource = (sbyte)source,
                            ConfigType = (sbyte)key.Type,
                            Documentation = request.IncludeDocumentation ? key.Documentation : null,
                            Synonyms = request.IncludeSynonyms && value is not null
                                ? [new DescribeConfigsResponse.DescribeConfigsSynonym { Name = key.Name, Value = value, Source = (sbyte)source }]
                                : [],
                        });
                    }

                    break;
                default:
                    Fail(result, ErrorCode.InvalidRequest, $"Resource type {resource.ResourceType} is not supported by DescribeConfigs");
                    break;
            }
        }

        return ValueTask.FromResult<DescribeConfigsResponse?>(response);
    }

    private static void Fail(DescribeConfigsResponse.DescribeConfigsResult result, ErrorCode error, string message)
    {
        result.ErrorCode = (short)error;
        result.ErrorMessage = message;
    }
}
