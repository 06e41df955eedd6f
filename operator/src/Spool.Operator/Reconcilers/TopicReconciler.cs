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
/// Reconciles a Topic through the Kafka admin API: create, add partitions, set configs (incrementally), and delete
/// behind a finalizer unless the resource says <c>spool.dev/deletion-policy: retain</c>. Runs again every resync
/// period, so changes made to the topic outside the resource are reverted.
/// </summary>
public sealed partial class TopicReconciler(
    KubernetesClient client,
    InformerCache<SpoolCluster> clusters,
    InformerCache<SpoolTopic> topics,
    IClusterAdminProvider admins,
    EventRecorder events,
    OperatorSettings settings,
    ILogger<TopicReconciler> logger,
    TimeProvider? timeProvider = null) : IReconciler<SpoolTopic>
{
    /// <summary>Held while the Kafka topic may still have to be deleted.</summary>
    public const string Finalizer = "spool.dev/topic";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly StatusWriter _status = new(client.Serializer);
    private readonly ResourceClient<SpoolTopic> _topics = client.Resource<SpoolTopic>();

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<SpoolTopic> request, CancellationToken cancellationToken)
    {
        if (request.Object is null)
        {
            return ReconcileResult.Done;
        }

        var topic = client.Serializer.Clone(request.Object);
        if (topic.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(topic, cancellationToken);
        }

        if (!Finalizers.Has(topic, Finalizer))
        {
            topic = await Finalizers.AddAsync(_topics, topic, Finalizer, cancellationToken);
        }

        var spec = topic.Spec ?? new TopicSpec();
        var name = topic.KafkaName;
        if (Blocked(topic, name) is { } blocked)
        {
            await WriteStatusAsync(topic, new TopicObservation { Blocked = blocked, TopicName = topic.Status?.TopicName ?? name }, cancellationToken);
            return ReconcileResult.After(settings.ResyncPeriod);
        }

        var (cluster, notReady) = ClusterConnection.Resolve(clusters, topic.Metadata.Namespace, spec.ClusterRef);
        if (notReady is not null)
        {
            await WriteStatusAsync(topic, new TopicObservation { Waiting = notReady, TopicName = name }, cancellationToken);
            return ReconcileResult.After(settings.ProgressInterval);
        }

        var admin = ClusterConnection.Admin(admins, cluster!, settings);
        try
        {
            var observation = await SyncAsync(topic, admin, name, spec, cancellationToken);
            await WriteStatusAsync(topic, observation, cancellationToken);
            return ReconcileResult.After(settings.ResyncPeriod);
        }
        catch (KafkaException ex)
        {
            logger.LogWarning("Topic {Namespace}/{Name}: {Error}", topic.Metadata.Namespace, topic.Metadata.Name, ex.Message);
            var reason = ex.Error is ErrorCode.InvalidConfig or ErrorCode.InvalidTopicException or ErrorCode.InvalidReplicationFactor
                or ErrorCode.InvalidPartitions or ErrorCode.PolicyViolation ? Reasons.InvalidTopic : Reasons.KafkaError;
            await events.WarningAsync(topic, reason, ex.Message, cancellationToken);
            await WriteStatusAsync(topic, new TopicObservation { KafkaError = (reason, ex.Message), TopicName = name, Description = topic.Status }, cancellationToken);
            return ReconcileResult.After(ex.IsRetriable ? settings.ProgressInterval : settings.ResyncPeriod);
        }
    }

    /// <summary>Another Topic already claims the name in this cluster, or spec.topicName changed after creation.</summary>
    private ConditionState? Blocked(SpoolTopic topic, string name)
    {
        if (topic.Status?.TopicName is { Length: > 0 } created && created != name && topic.Status.TopicId is not null)
        {
            return new ConditionState(Conditions.Ready, false, Reasons.TopicNameChangeRefused,
                $"spec.topicName changed from {created} to {name}: a Kafka topic cannot be renamed. Set it back, or create a new Topic resource.");
        }

        var owner = topics.List(topic.Metadata.Namespace ?? "")
            .Where(t => t.Metadata.DeletionTimestamp is null && t.KafkaName == name && t.Spec?.ClusterRef?.Name == topic.Spec?.ClusterRef?.Name)
            .OrderBy(t => t.Metadata.CreationTimestamp ?? DateTimeOffset.MaxValue)
            .ThenBy(t => t.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return owner is not null && owner.Metadata.Uid != topic.Metadata.Uid
            ? new ConditionState(Conditions.Ready, false, Reasons.TopicNameConflict, $"Topic resource {owner.Metadata.Name} already manages Kafka topic {name} in this cluster.")
            : null;
    }

    private async Task<TopicObservation> SyncAsync(SpoolTopic topic, IClusterAdmin admin, string name, TopicSpec spec, CancellationToken cancellationToken)
    {
        var description = await DescribeAsync(admin, name, cancellationToken);
        var configs = description is null ? null : (await admin.DescribeTopicConfigAsync(name, cancellationToken)).Entries;
        var plan = TopicPlanner.Plan(name, spec, description, configs);
        if (plan.Create)
        {
            var created = new NewTopic(name, spec.Partitions, spec.ReplicationFactor is { } rf ? (short)rf : null);
            foreach (var (key, value) in spec.Config ?? [])
            {
                created.Configs[key] = value;
            }

            await admin.CreateTopicAsync(created, cancellationToken);
            await events.NormalAsync(topic, "TopicCreated", $"Created topic {name} with {spec.Partitions} partitions.", cancellationToken);
        }

        if (plan.RaisePartitionsTo is { } total)
        {
            await admin.CreatePartitionsAsync(name, total, cancellationToken);
            await events.NormalAsync(topic, "PartitionsAdded", $"Raised topic {name} from {description!.Partitions.Count} to {total} partitions.", cancellationToken);
        }

        if (plan.ConfigChanges.Count > 0)
        {
            await admin.AlterTopicConfigAsync(name, plan.ConfigChanges, cancellationToken);
            await events.NormalAsync(topic, "ConfigUpdated",
                $"Updated configs of topic {name}: {string.Join(", ", plan.ConfigChanges.Select(c => c.Op == AlterConfigOpType.Delete ? $"-{c.Name}" : $"{c.Name}={c.Value}"))}.", cancellationToken);
        }

        foreach (var refusal in plan.Refusals)
        {
            await events.WarningAsync(topic, refusal.Reason, refusal.Message, cancellationToken);
        }

        if (plan.Create || plan.RaisePartitionsTo is not null)
        {
            description = await DescribeAsync(admin, name, cancellationToken);
        }

        return new TopicObservation
        {
            TopicName = name,
            Description = description is null ? null : new TopicStatus
            {
                TopicId = description.TopicId.IsZero ? null : description.TopicId.ToString(),
                Partitions = description.Partitions.Count,
                ReplicationFactor = description.Partitions.Count > 0 ? description.Partitions.Max(p => p.Replicas.Count) : null,
            },
            Refusals = plan.Refusals,
        };
    }

    private static async Task<TopicDescription?> DescribeAsync(IClusterAdmin admin, string name, CancellationToken cancellationToken)
    {
        var description = (await admin.DescribeTopicsAsync([name], cancellationToken))[0];
        return description.Error switch
        {
            null => description,
            { Error: ErrorCode.UnknownTopicOrPartition } => null,
            var error => throw error,
        };
    }

    private async Task WriteStatusAsync(SpoolTopic topic, TopicObservation observation, CancellationToken cancellationToken)
    {
        var status = TopicStatusRules.Compute(observation, topic.Status, topic.Metadata.Generation, _time.GetUtcNow());
        await _status.WriteAsync(_topics, topic, topic.Status, status, cancellationToken);
    }
}
