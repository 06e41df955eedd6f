using Spool.Client.Internal;
using Spool.Client.Metadata;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Admin;

/// <summary>Listing, describing and deleting consumer groups, and reading and changing their committed offsets.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Every group of the cluster (ListGroups is asked of every broker, each knowing the groups it coordinates).</summary>
    public async Task<IReadOnlyList<ConsumerGroupListing>> ListConsumerGroupsAsync(ListConsumerGroupsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var timeout = TimeoutOf(options);
        var brokers = (await _core.RetryAsync("ListGroups", timeout, ct => _core.Metadata.RefreshAsync([], ct), cancellationToken)).Brokers.Keys.Order().ToList();
        var outcomes = await _core.PerItemAsync<int, List<ConsumerGroupListing>>("ListGroups", brokers, timeout, async (pending, ct) =>
            await Task.WhenAll(pending.Select(async id =>
            {
                try
                {
                    var connection = await _core.ConnectToNodeAsync(id, ct);
                    var response = await KafkaClientCore.SendAsync<ListGroupsRequest, ListGroupsResponse>(connection, _ => new ListGroupsRequest
                    {
                        StatesFilter = options?.States?.ToList() ?? [],
                        TypesFilter = options?.Types?.ToList() ?? [],
                    }, ct);
                    return new ItemOutcome<int, List<ConsumerGroupListing>>(
                        id,
                        [.. response.Groups.Select(g => new ConsumerGroupListing(g.GroupId, g.ProtocolType, g.GroupState, g.GroupType, id))],
                        Error(response.ErrorCode, null, $"list groups on broker {id}"));
                }
                catch (KafkaException e)
                {
                    return new ItemOutcome<int, List<ConsumerGroupListing>>(id, null, e);
                }
            })), cancellationToken);

        var groups = new List<ConsumerGroupListing>();
        foreach (var id in brokers)
        {
            if (outcomes[id].Error is { } error)
            {
                throw error;
            }

            groups.AddRange(outcomes[id].Result!);
        }

        // Older ListGroups versions cannot filter: apply the filters here (they match nothing only when the state is known).
        return [.. groups
            .Where(g => options?.States is not { Count: > 0 } states || g.State.Length == 0 || states.Contains(g.State, StringComparer.OrdinalIgnoreCase))
            .Where(g => options?.Types is not { Count: > 0 } types || g.Type.Length == 0 || types.Contains(g.Type, StringComparer.OrdinalIgnoreCase))
            .OrderBy(g => g.GroupId, StringComparer.Ordinal)];
    }

    /// <summary>Groups' state, protocol and members, with each consumer member's assigned partitions.</summary>
    public async Task<IReadOnlyList<ConsumerGroupDescription>> DescribeConsumerGroupsAsync(
        IEnumerable<string> groupIds, AdminOperationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var ids = groupIds.Distinct(StringComparer.Ordinal).ToList();
        var outcomes = await _core.PerItemAsync<string, ConsumerGroupDescription>("DescribeGroups", ids, TimeoutOf(options), async (pending, ct) =>
            await Task.WhenAll(pending.Select(id => PerGroupAsync(id, async token =>
            {
                var connection = await _core.ConnectToCoordinatorAsync(id, token);
                var response = await KafkaClientCore.SendAsync<DescribeGroupsRequest, DescribeGroupsResponse>(connection, _ => new DescribeGroupsRequest { Groups = [id] }, token);
                var group = response.Groups.FirstOrDefault(g => g.GroupId == id)
                    ?? throw new KafkaException(ErrorCode.UnknownServerError, $"DescribeGroups did not describe {id}");
                if (_core.CheckGroupError(id, group.ErrorCode, group.ErrorMessage, "DescribeGroups") is { } error)
                {
                    return new ItemOutcome<string, ConsumerGroupDescription>(id, null, error);
                }

                var isConsumer = group.ProtocolType == ConsumerProtocol.ProtocolType;
                var members = group.Members.Select(m => new MemberDescription(
                    m.MemberId,
                    m.GroupInstanceId,
                    m.ClientId,
                    m.ClientHost,
                    isConsumer ? ConsumerProtocol.Partitions(DecodeAssignment(m.MemberAssignment)) : [])).ToList();
                _core.Metadata.Current.Brokers.TryGetValue(connection.Endpoint.NodeId, out var coordinator);
                coordinator ??= new BrokerNode(connection.Endpoint.NodeId, connection.Endpoint.Host, connection.Endpoint.Port, null);
                return new ItemOutcome<string, ConsumerGroupDescription>(
                    id, new ConsumerGroupDescription(id, group.GroupState, group.ProtocolType, group.ProtocolData, members, coordinator, null), null);
            }, ct))), cancellationToken);
        return [.. ids.Select(id => outcomes[id] is { Error: null, Result: { } ok }
            ? ok
            : new ConsumerGroupDescription(id, "Unknown", "", "", [], null, outcomes[id].Error))];
    }

    public async Task<ConsumerGroupDescription> DescribeConsumerGroupAsync(string groupId, AdminOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        (await DescribeConsumerGroupsAsync([groupId], options, cancellationToken)).EnsureSuccess()[0];

    /// <summary>Deletes groups (each must be empty: NON_EMPTY_GROUP otherwise) with their committed offsets.</summary>
    public async Task<IReadOnlyList<DeletedGroup>> DeleteConsumerGroupsAsync(IEnumerable<string> groupIds, AdminOperationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var ids = groupIds.Distinct(StringComparer.Ordinal).ToList();
        var outcomes = await _core.PerItemAsync<string, bool>("DeleteGroups", ids, TimeoutOf(options), async (pending, ct) =>
            await Task.WhenAll(pending.Select(id => PerGroupAsync(id, async token =>
            {
                var connection = await _core.ConnectToCoordinatorAsync(id, token);
                var response = await KafkaClientCore.SendAsync<DeleteGroupsRequest, DeleteGroupsResponse>(connection, _ => new DeleteGroupsRequest { GroupsNames = [id] }, token);
                var result = response.Results.FirstOrDefault(r => r.GroupId == id)
                    ?? throw new KafkaException(ErrorCode.UnknownServerError, $"DeleteGroups did not answer for {id}");
                return new ItemOutcome<string, bool>(id, result.ErrorCode == 0, _core.CheckGroupError(id, result.ErrorCode, null, "DeleteGroups"));
            }, ct))), cancellationToken);
        return [.. ids.Select(id => new DeletedGroup(id, outcomes[id].Error))];
    }

    /// <summary>
    /// A group's committed offsets: for the given partitions, or every partition it has committed for when null.
    /// Group-level errors (GROUP_AUTHORIZATION_FAILED, ...) throw.
    /// </summary>
    public async Task<IReadOnlyList<CommittedOffset>> ListConsumerGroupOffsetsAsync(
        string groupId, IEnumerable<TopicPartition>? partitions = null, AdminOperationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var wanted = partitions?.Distinct().ToList();
        var outcomes = await _core.RetryAsync("OffsetFetch", TimeoutOf(options), ct => _core.FetchCommittedOffsetsAsync(groupId, wanted, requireStable: false, ct), cancellationToken);
        var byPartition = outcomes.ToDictionary(o => o.Key);
        IEnumerable<TopicPartition> keys = wanted ?? [.. byPartition.Keys.OrderBy(k => k.Topic, StringComparer.Ordinal).ThenBy(k => k.Partition)];
        return [.. keys.Select(tp => byPartition.TryGetValue(tp, out var o) && o.Result is { } committed
            ? new CommittedOffset(tp, committed.Offset, committed.LeaderEpoch, committed.Metadata, null)
            : new CommittedOffset(tp, -1, null, null, byPartition.TryGetValue(tp, out var failed) ? failed.Error : null))];
    }

    /// <summary>
    /// Sets a group's committed offsets (a reset); the coordinator refuses while the group has active members
    /// (UNKNOWN_MEMBER_ID), as kafka-consumer-groups.sh does.
    /// </summary>
    public async Task<IReadOnlyList<PartitionResult>> AlterConsumerGroupOffsetsAsync(
        string groupId, IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets, AdminOperationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var outcomes = await _core.PerItemAsync<TopicPartition, bool>("OffsetCommit", [.. offsets.Keys], TimeoutOf(options), async (pending, ct) =>
            await _core.CommitOffsetsAsync(groupId, -1, "", null, pending.ToDictionary(p => p, p => offsets[p]), ct), cancellationToken);
        return [.. offsets.Keys.Select(tp => new PartitionResult(tp, outcomes[tp].Error))];
    }

    /// <summary>Deletes a group's committed offsets for partitions it no longer consumes (OffsetDelete).</summary>
    public async Task<IReadOnlyList<PartitionResult>> DeleteConsumerGroupOffsetsAsync(
        string groupId, IEnumerable<TopicPartition> partitions, AdminOperationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = partitions.Distinct().ToList();
        var response = await _core.RetryAsync("OffsetDelete", TimeoutOf(options), async ct =>
        {
            var connection = await _core.ConnectToCoordinatorAsync(groupId, ct);
            var answer = await KafkaClientCore.SendAsync<OffsetDeleteRequest, OffsetDeleteResponse>(connection, _ => new OffsetDeleteRequest
            {
                GroupId = groupId,
                Topics = [.. list.GroupBy(p => p.Topic).Select(g => new OffsetDeleteRequest.OffsetDeleteRequestTopic
                {
                    Name = g.Key,
                    Partitions = [.. g.Select(p => new OffsetDeleteRequest.OffsetDeleteRequestPartition { PartitionIndex = p.Partition })],
                })],
            }, ct);
            if (_core.CheckGroupError(groupId, answer.ErrorCode, null, "OffsetDelete") is { } error)
            {
                throw error;
            }

            return answer;
        }, cancellationToken);
        var errors = response.Topics
            .SelectMany(t => t.Partitions.Select(p => (Partition: new TopicPartition(t.Name, p.PartitionIndex), p.ErrorCode)))
            .ToDictionary(e => e.Partition, e => e.ErrorCode);
        return [.. list.Select(tp => new PartitionResult(tp, errors.TryGetValue(tp, out var code) ? Error(code, null, $"delete offset of {tp}") : null))];
    }

    private static ConsumerProtocolAssignment? DecodeAssignment(byte[] bytes)
    {
        try
        {
            return ConsumerProtocol.Decode<ConsumerProtocolAssignment>(bytes);
        }
        catch (KafkaProtocolException)
        {
            // A member of a "consumer" group with an assignment we cannot read: show it without partitions.
            return null;
        }
    }

    private async Task<ItemOutcome<string, T>> PerGroupAsync<T>(string groupId, Func<CancellationToken, Task<ItemOutcome<string, T>>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (KafkaException e)
        {
            if (e.Error == ErrorCode.NetworkException)
            {
                _core.InvalidateCoordinator(groupId);
            }

            return new ItemOutcome<string, T>(groupId, default, e);
        }
    }
}
