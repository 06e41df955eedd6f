using Microsoft.Extensions.Logging;
using Spool.Client;
using Spool.Client.Admin;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Runtime;
using Spool.Operator.Entities;
using Spool.Operator.Kafka;
using Spool.Protocol;

namespace Spool.Operator.Reconcilers;

/// <summary>
/// Reports a consumer group's state, members and lag, and applies declarative offset resets once per requestId while
/// the group has no active members. Its lag thresholds reach Prometheus through the Cluster's PrometheusRule (the
/// Cluster reconciler renders them). Deleting the resource leaves the Kafka group alone.
/// </summary>
public sealed partial class ConsumerGroupReconciler(
    KubernetesClient client,
    InformerCache<SpoolCluster> clusters,
    IClusterAdminProvider admins,
    EventRecorder events,
    OperatorSettings settings,
    ILogger<ConsumerGroupReconciler> logger,
    TimeProvider? timeProvider = null) : IReconciler<SpoolConsumerGroup>
{
    /// <summary>Commit metadata of a reset: finding it again proves the reset with that requestId was applied.</summary>
    public const string ResetMarkerPrefix = "spool.dev/reset ";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly StatusWriter _status = new(client.Serializer);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<SpoolConsumerGroup> request, CancellationToken cancellationToken)
    {
        if (request.Object is null || request.Object.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var group = client.Serializer.Clone(request.Object);
        var groupId = group.GroupId;
        var (cluster, notReady) = ClusterConnection.Resolve(clusters, group.Metadata.Namespace, group.Spec?.ClusterRef);
        if (notReady is not null)
        {
            await WriteStatusAsync(group, new GroupObservation { GroupId = groupId, Waiting = notReady }, cancellationToken);
            return ReconcileResult.After(settings.ProgressInterval);
        }

        var admin = ClusterConnection.Admin(admins, cluster!, settings);
        GroupObservation observation;
        try
        {
            observation = await ObserveAsync(group, admin, cancellationToken);
            if (group.Spec?.ResetOffsets is { } reset && reset.RequestId != group.Status?.LastAppliedResetId)
            {
                observation = await ResetAsync(group, admin, reset, observation, cancellationToken);
            }
        }
        catch (KafkaException ex)
        {
            logger.LogWarning("ConsumerGroup {Namespace}/{Name}: {Error}", group.Metadata.Namespace, group.Metadata.Name, ex.Message);
            observation = new GroupObservation { GroupId = groupId, KafkaError = ex.Message };
        }

        await WriteStatusAsync(group, observation, cancellationToken);
        return ReconcileResult.After(observation.ResetPending is not null || observation.KafkaError is not null ? settings.ProgressInterval : settings.ResyncPeriod);
    }

    /// <summary>State and members from the coordinator, lag from committed offsets against log end offsets.</summary>
    private static async Task<GroupObservation> ObserveAsync(SpoolConsumerGroup group, IClusterAdmin admin, CancellationToken cancellationToken)
    {
        var groupId = group.GroupId;
        string state;
        int members;
        try
        {
            var description = await admin.DescribeGroupAsync(groupId, cancellationToken);
            (state, members) = (description.State, description.Members.Count);
        }
        catch (KafkaException ex) when (ex.Error == ErrorCode.GroupIdNotFound)
        {
            (state, members) = ("Dead", 0);
        }

        var committed = await CommittedAsync(admin, groupId, cancellationToken);
        var topics = group.Spec?.Topics is { Count: > 0 } listed ? listed : [.. committed.Keys.Select(k => k.Topic).Distinct(StringComparer.Ordinal)];
        var partitions = await PartitionsAsync(admin, topics, cancellationToken);
        var ends = await OffsetsAsync(admin, partitions, OffsetSpec.Latest, cancellationToken);
        var counts = partitions.GroupBy(p => p.Topic).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var missing in topics.Where(t => !counts.ContainsKey(t)))
        {
            counts[missing] = 0;
        }

        return new GroupObservation
        {
            GroupId = groupId,
            State = state,
            Members = members,
            Lag = LagCalculator.Compute(counts, committed.ToDictionary(kv => kv.Key, kv => kv.Value.Offset), ends),
        };
    }

    private static async Task<Dictionary<TopicPartition, CommittedOffset>> CommittedAsync(IClusterAdmin admin, string groupId, CancellationToken cancellationToken) =>
        (await admin.ListGroupOffsetsAsync(groupId, cancellationToken))
            .Where(c => c.Error is null && c.Offset >= 0)
            .ToDictionary(c => c.TopicPartition);

    /// <summary>Every partition of the topics that exist (a topic that does not exist has none).</summary>
    private static async Task<List<TopicPartition>> PartitionsAsync(IClusterAdmin admin, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        if (topics.Count == 0)
        {
            return [];
        }

        var described = await admin.DescribeTopicsAsync(topics, cancellationToken);
        return [.. described.Where(d => d.Error is null).SelectMany(d => d.Partitions.Select(p => new TopicPartition(d.Name, p.Partition))).OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition)];
    }

    private static async Task<Dictionary<TopicPartition, long>> OffsetsAsync(IClusterAdmin admin, IReadOnlyList<TopicPartition> partitions, OffsetSpec spec, CancellationToken cancellationToken)
    {
        if (partitions.Count == 0)
        {
            return [];
        }

        var listed = await admin.ListOffsetsAsync(partitions.ToDictionary(p => p, _ => spec), cancellationToken);
        if (listed.FirstOrDefault(l => l.Error is not null)?.Error is { } error)
        {
            throw error;
        }

        return listed.ToDictionary(l => l.TopicPartition, l => l.Offset);
    }

    private async Task WriteStatusAsync(SpoolConsumerGroup group, GroupObservation observation, CancellationToken cancellationToken)
    {
        var status = GroupStatusRules.Compute(observation, group.Status, group.Metadata.Generation, _time.GetUtcNow());
        await _status.WriteAsync(client.Resource<SpoolConsumerGroup>(), group, group.Status, status, cancellationToken);
    }
}
