using Spool.Client.Internal;
using Spool.Client.Network;
using Spool.Protocol.Configs;
using Spool.Protocol.Messages;

namespace Spool.Client.Admin;

/// <summary>Describing and altering topic and broker configs.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Describes configs; broker resources are asked of that broker, topics of any broker.</summary>
    public async Task<IReadOnlyList<ConfigDescription>> DescribeConfigsAsync(
        IEnumerable<ConfigResource> resources, DescribeConfigsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = resources.Distinct().ToList();
        var outcomes = await _core.PerItemAsync<ConfigResource, ConfigDescription>("DescribeConfigs", list, TimeoutOf(options), (pending, ct) =>
            ByTargetBrokerAsync<ConfigDescription>(pending, async (connection, group, token) =>
            {
                var response = await KafkaClientCore.SendAsync<DescribeConfigsRequest, DescribeConfigsResponse>(connection, _ => new DescribeConfigsRequest
                {
                    Resources = [.. group.Select(r => new DescribeConfigsRequest.DescribeConfigsResource
                    {
                        ResourceType = (sbyte)r.Type,
                        ResourceName = r.Name,
                        ConfigurationKeys = options?.ConfigNames?.ToList(),
                    })],
                    IncludeSynonyms = options?.IncludeSynonyms ?? false,
                    IncludeDocumentation = options?.IncludeDocumentation ?? false,
                }, token);
                return response.Results.Select(r =>
                {
                    var resource = new ConfigResource((ConfigResourceType)r.ResourceType, r.ResourceName);
                    var entries = r.Configs.Select(c => new ConfigEntry(
                        c.Name,
                        c.Value,
                        (ConfigSource)c.ConfigSource,
                        c.ReadOnly,
                        c.IsSensitive,
                        [.. c.Synonyms.Select(s => new ConfigSynonym(s.Name, s.Value, (ConfigSource)s.Source))],
                        (ConfigType)c.ConfigType,
                        NullIfEmpty(c.Documentation))).ToList();
                    return new ItemOutcome<ConfigResource, ConfigDescription>(
                        resource, new ConfigDescription(resource, entries, null), Error(r.ErrorCode, r.ErrorMessage, $"describe configs of {resource}"));
                });
            }, token: ct), cancellationToken);
        return [.. list.Select(r => outcomes[r] is { Error: null, Result: { } ok } ? ok : new ConfigDescription(r, [], outcomes[r].Error))];
    }

    /// <summary>Describes one resource's configs; throws <see cref="KafkaException"/> on failure.</summary>
    public async Task<ConfigDescription> DescribeConfigAsync(ConfigResource resource, DescribeConfigsOptions? options = null, CancellationToken cancellationToken = default) =>
        (await DescribeConfigsAsync([resource], options, cancellationToken)).EnsureSuccess()[0];

    /// <summary>Sets, deletes, appends to or subtracts from individual configs (IncrementalAlterConfigs).</summary>
    public async Task<IReadOnlyList<AlterConfigsResult>> IncrementalAlterConfigsAsync(
        IReadOnlyDictionary<ConfigResource, IReadOnlyList<AlterConfigOp>> changes, AlterConfigsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var outcomes = await _core.PerItemAsync<ConfigResource, bool>("IncrementalAlterConfigs", [.. changes.Keys], TimeoutOf(options), (pending, ct) =>
            ByTargetBrokerAsync<bool>(pending, async (connection, group, token) =>
            {
                var response = await KafkaClientCore.SendAsync<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse>(connection, _ => new IncrementalAlterConfigsRequest
                {
                    Resources = [.. group.Select(r => new IncrementalAlterConfigsRequest.AlterConfigsResource
                    {
                        ResourceType = (sbyte)r.Type,
                        ResourceName = r.Name,
                        Configs = [.. changes[r].Select(c => new IncrementalAlterConfigsRequest.AlterableConfig { Name = c.Name, ConfigOperation = (sbyte)c.Op, Value = c.Value })],
                    })],
                    ValidateOnly = options?.ValidateOnly ?? false,
                }, token);
                return response.Responses.Select(r => AlterOutcome(r.ResourceType, r.ResourceName, r.ErrorCode, r.ErrorMessage));
            }, token: ct), cancellationToken);
        return [.. changes.Keys.Select(r => new AlterConfigsResult(r, outcomes[r].Error))];
    }

    /// <summary>
    /// Legacy AlterConfigs: replaces the resource's whole set of dynamic configs with the given ones (configs
    /// not listed go back to their defaults). Prefer <see cref="IncrementalAlterConfigsAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<AlterConfigsResult>> AlterConfigsAsync(
        IReadOnlyDictionary<ConfigResource, IReadOnlyDictionary<string, string?>> configs, AlterConfigsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var outcomes = await _core.PerItemAsync<ConfigResource, bool>("AlterConfigs", [.. configs.Keys], TimeoutOf(options), (pending, ct) =>
            ByTargetBrokerAsync<bool>(pending, async (connection, group, token) =>
            {
                var response = await KafkaClientCore.SendAsync<AlterConfigsRequest, AlterConfigsResponse>(connection, _ => new AlterConfigsRequest
                {
                    Resources = [.. group.Select(r => new AlterConfigsRequest.AlterConfigsResource
                    {
                        ResourceType = (sbyte)r.Type,
                        ResourceName = r.Name,
                        Configs = [.. configs[r].Select(c => new AlterConfigsRequest.AlterableConfig { Name = c.Key, Value = c.Value })],
                    })],
                    ValidateOnly = options?.ValidateOnly ?? false,
                }, token);
                return response.Responses.Select(r => AlterOutcome(r.ResourceType, r.ResourceName, r.ErrorCode, r.ErrorMessage));
            }, token: ct), cancellationToken);
        return [.. configs.Keys.Select(r => new AlterConfigsResult(r, outcomes[r].Error))];
    }

    private static ItemOutcome<ConfigResource, bool> AlterOutcome(sbyte type, string name, short error, string? message)
    {
        var resource = new ConfigResource((ConfigResourceType)type, name);
        return new ItemOutcome<ConfigResource, bool>(resource, error == 0, Error(error, message, $"alter configs of {resource}"));
    }

    /// <summary>Sends each group of resources to the broker that owns it (broker configs) or to any broker.</summary>
    private async Task<IEnumerable<ItemOutcome<ConfigResource, T>>> ByTargetBrokerAsync<T>(
        IReadOnlyList<ConfigResource> resources,
        Func<KafkaConnection, IReadOnlyList<ConfigResource>, CancellationToken, Task<IEnumerable<ItemOutcome<ConfigResource, T>>>> send,
        CancellationToken token)
    {
        var calls = resources.GroupBy(r => r.TargetBroker).Select(async group =>
        {
            try
            {
                var connection = group.Key is { } node
                    ? await _core.ConnectToNodeAsync(node, token)
                    : await _core.ConnectToAnyAsync(token);
                return await send(connection, [.. group], token);
            }
            catch (KafkaException e)
            {
                return group.Select(r => new ItemOutcome<ConfigResource, T>(r, default, e));
            }
        });
        return (await Task.WhenAll(calls)).SelectMany(r => r);
    }
}
