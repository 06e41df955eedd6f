using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Fakes;

/// <summary>Coordinator look-up and group offsets; groups are coordinated by <see cref="FakeCluster.CoordinatorId"/>.</summary>
public sealed partial class FakeCluster
{
    private FindCoordinatorResponse FindCoordinator(FindCoordinatorRequest request)
    {
        var server = Servers.First(s => s.NodeId == CoordinatorId);
        return new FindCoordinatorResponse
        {
            NodeId = server.NodeId,
            Host = server.AdvertisedHost,
            Port = server.Port,
            Coordinators = [.. request.CoordinatorKeys.Select(k => new FindCoordinatorResponse.Coordinator { Key = k, NodeId = server.NodeId, Host = server.AdvertisedHost, Port = server.Port })],
        };
    }

    private FakeGroup GroupLocked(string id)
    {
        if (!Groups.TryGetValue(id, out var group))
        {
            Groups[id] = group = new FakeGroup(id);
        }

        return group;
    }

    private OffsetCommitResponse OffsetCommit(int node, OffsetCommitRequest request)
    {
        var error = node == CoordinatorId ? ErrorCode.None : ErrorCode.NotCoordinator;
        lock (_lock)
        {
            var group = GroupLocked(request.GroupId);
            if (error == ErrorCode.None && group.Members.Count > 0 && request.GenerationIdOrMemberEpoch < 0)
            {
                error = ErrorCode.UnknownMemberId;
            }
            else if (error == ErrorCode.None && request.GenerationIdOrMemberEpoch >= 0)
            {
                error = !group.Live.ContainsKey(request.MemberId) ? ErrorCode.UnknownMemberId
                    : request.GenerationIdOrMemberEpoch != group.Generation ? ErrorCode.IllegalGeneration
                    : ErrorCode.None;
            }

            return new OffsetCommitResponse
            {
                Topics = [.. request.Topics.Select(t => new OffsetCommitResponse.OffsetCommitResponseTopic
                {
                    Name = t.Name,
                    Partitions = [.. t.Partitions.Select(p =>
                    {
                        if (error == ErrorCode.None)
                        {
                            group.Offsets[new TopicPartition(t.Name, p.PartitionIndex)] = (p.CommittedOffset, p.CommittedMetadata, p.CommittedLeaderEpoch);
                        }

                        return new OffsetCommitResponse.OffsetCommitResponsePartition { PartitionIndex = p.PartitionIndex, ErrorCode = (short)error };
                    })],
                })],
            };
        }
    }

    private OffsetFetchResponse OffsetFetch(int node, OffsetFetchRequest request)
    {
        lock (_lock)
        {
            var response = new OffsetFetchResponse();
            var requests = request.Groups.Count > 0
                ? request.Groups.Select(g => (g.GroupId, Topics: g.Topics?.Select(t => (t.Name, t.PartitionIndexes)).ToList()))
                : [(request.GroupId, request.Topics?.Select(t => (t.Name, t.PartitionIndexes)).ToList())];
            foreach (var (groupId, wanted) in requests)
            {
                var group = Groups.GetValueOrDefault(groupId);
                var partitions = wanted?.SelectMany(t => t.PartitionIndexes.Select(p => new TopicPartition(t.Name, p))).ToList()
                    ?? group?.Offsets.Keys.ToList() ?? [];
                var topics = partitions.GroupBy(p => p.Topic).Select(g => (g.Key, g.Select(p =>
                {
                    var found = group is not null && group.Offsets.TryGetValue(p, out var o) ? o : (-1L, (string?)"", -1);
                    return (p.Partition, found.Item1, found.Item2, found.Item3);
                }).ToList())).ToList();
                var error = node == CoordinatorId ? ErrorCode.None : ErrorCode.NotCoordinator;
                response.ErrorCode = (short)error;
                response.Groups.Add(new OffsetFetchResponse.OffsetFetchResponseGroup
                {
                    GroupId = groupId,
                    ErrorCode = (short)error,
                    Topics = [.. topics.Select(t => new OffsetFetchResponse.OffsetFetchResponseTopics
                    {
                        Name = t.Key,
                        Partitions = [.. t.Item2.Select(p => new OffsetFetchResponse.OffsetFetchResponsePartitions
                        {
                            PartitionIndex = p.Partition, CommittedOffset = p.Item2, Metadata = p.Item3, CommittedLeaderEpoch = p.Item4,
                        })],
                    })],
                });
                response.Topics = [.. topics.Select(t => new OffsetFetchResponse.OffsetFetchResponseTopic
                {
                    Name = t.Key,
                    Partitions = [.. t.Item2.Select(p => new OffsetFetchResponse.OffsetFetchResponsePartition
                    {
                        PartitionIndex = p.Partition, CommittedOffset = p.Item2, Metadata = p.Item3, CommittedLeaderEpoch = p.Item4,
                    })],
                })];
            }

            return response;
        }
    }

    private OffsetDeleteResponse OffsetDelete(int node, OffsetDeleteRequest request)
    {
        lock (_lock)
        {
            if (node != CoordinatorId)
            {
                return new OffsetDeleteResponse { ErrorCode = (short)ErrorCode.NotCoordinator };
            }

            if (!Groups.TryGetValue(request.GroupId, out var group))
            {
                return new OffsetDeleteResponse { ErrorCode = (short)ErrorCode.GroupIdNotFound };
            }

            return new OffsetDeleteResponse
            {
                Topics = [.. request.Topics.Select(t => new OffsetDeleteResponse.OffsetDeleteResponseTopic
                {
                    Name = t.Name,
                    Partitions = [.. t.Partitions.Select(p => new OffsetDeleteResponse.OffsetDeleteResponsePartition
                    {
                        PartitionIndex = p.PartitionIndex,
                        ErrorCode = group.Offsets.Remove(new TopicPartition(t.Name, p.PartitionIndex)) ? (short)0 : (short)ErrorCode.UnknownTopicOrPartition,
                    })],
                })],
            };
        }
    }

    private ListGroupsResponse ListGroups(int node)
    {
        lock (_lock)
        {
            return new ListGroupsResponse
            {
                Groups = node != CoordinatorId
                    ? []
                    : [.. Groups.Values.Select(g => new ListGroupsResponse.ListedGroup { GroupId = g.Id, ProtocolType = g.ProtocolType, GroupState = g.State, GroupType = "classic" })],
            };
        }
    }

    private DescribeGroupsResponse DescribeGroups(int node, DescribeGroupsRequest request)
    {
        lock (_lock)
        {
            return new DescribeGroupsResponse
            {
                Groups = [.. request.Groups.Select(id =>
                {
                    if (node != CoordinatorId)
                    {
                        return new DescribeGroupsResponse.DescribedGroup { GroupId = id, ErrorCode = (short)ErrorCode.NotCoordinator };
                    }

                    var group = Groups.GetValueOrDefault(id);
                    return new DescribeGroupsResponse.DescribedGroup
                    {
                        GroupId = id,
                        GroupState = group?.State ?? "Dead",
                        ProtocolType = group?.ProtocolType ?? "",
                        ProtocolData = group?.Protocol ?? "",
                        Members = group is null ? [] : [.. group.Members.Select(m => new DescribeGroupsResponse.DescribedGroupMember
                        {
                            MemberId = m.MemberId,
                            ClientId = m.ClientId,
                            ClientHost = "/127.0.0.1",
                            MemberAssignment = m.Assignment,
                        })],
                    };
                })],
            };
        }
    }

    private DeleteGroupsResponse DeleteGroups(int node, DeleteGroupsRequest request)
    {
        lock (_lock)
        {
            return new DeleteGroupsResponse
            {
                Results = [.. request.GroupsNames.Select(id => new DeleteGroupsResponse.DeletableGroupResult
                {
                    GroupId = id,
                    ErrorCode = node != CoordinatorId ? (short)ErrorCode.NotCoordinator
                        : !Groups.TryGetValue(id, out var group) ? (short)ErrorCode.GroupIdNotFound
                        : group.Members.Count > 0 ? (short)ErrorCode.NonEmptyGroup
                        : Groups.Remove(id) ? (short)0 : (short)ErrorCode.GroupIdNotFound,
                })],
            };
        }
    }
}
