using Spool.Client;
using Spool.Kubernetes.Runtime;
using Spool.Operator.Entities;
using Spool.Protocol;

namespace Spool.Operator.Reconcilers;

/// <summary>Deleting a Topic resource: the Kafka topic goes too, unless retained or its cluster is already gone.</summary>
public sealed partial class TopicReconciler
{
    private async Task<ReconcileResult> FinalizeAsync(SpoolTopic topic, CancellationToken cancellationToken)
    {
        if (!Finalizers.Has(topic, Finalizer))
        {
            return ReconcileResult.Done;
        }

        var name = topic.Status?.TopicName ?? topic.KafkaName;
        if (topic.RetainsOnDelete)
        {
            await events.NormalAsync(topic, "TopicRetained", $"Kept topic {name} in Kafka ({SpoolTopic.DeletionPolicyAnnotation}: retain).", cancellationToken);
        }
        else if (Conditions.Find(topic.Status?.Conditions, Conditions.Ready)?.Reason == Reasons.TopicNameConflict)
        {
            // Another Topic resource manages this Kafka topic: it is not this resource's to delete.
        }
        else
        {
            var (cluster, notReady) = ClusterConnection.Resolve(clusters, topic.Metadata.Namespace, topic.Spec?.ClusterRef);
            if (cluster is null || cluster.Metadata.DeletionTimestamp is not null)
            {
                // The topic's data goes with its cluster; waiting for a cluster that will not return would block deletion forever.
                await events.NormalAsync(topic, "ClusterGone", $"Cluster {topic.Spec?.ClusterRef?.Name} is gone or being deleted; topic {name} goes with it.", cancellationToken);
            }
            else if (notReady is not null)
            {
                await WriteStatusAsync(topic, new TopicObservation { Waiting = notReady with { Message = $"Waiting to delete topic {name}: {notReady.Message}" }, TopicName = name }, cancellationToken);
                return ReconcileResult.After(settings.ProgressInterval);
            }
            else
            {
                try
                {
                    await ClusterConnection.Admin(admins, cluster, settings).DeleteTopicAsync(name, cancellationToken);
                    await events.NormalAsync(topic, "TopicDeleted", $"Deleted topic {name}.", cancellationToken);
                }
                catch (KafkaException ex) when (ex.Error == ErrorCode.UnknownTopicOrPartition)
                {
                    // Already gone: deleted outside the resource, or by an earlier attempt whose finalizer removal failed.
                }
            }
        }

        await Finalizers.RemoveAsync(_topics, topic, Finalizer, cancellationToken);
        return ReconcileResult.Done;
    }
}
