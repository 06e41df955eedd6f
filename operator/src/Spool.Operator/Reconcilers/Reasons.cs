namespace Spool.Operator.Reconcilers;

/// <summary>Condition reasons (CamelCase, as Kubernetes expects); docs/operator.md lists what each means.</summary>
public static class Reasons
{
    // Shared.
    public const string AsExpected = "AsExpected";
    public const string Reconciled = "Reconciled";
    public const string ClusterNotFound = "ClusterNotFound";
    public const string ClusterDeleting = "ClusterDeleting";
    public const string ClusterNotReady = "ClusterNotReady";
    public const string KafkaError = "KafkaError";

    // Cluster.
    public const string ClusterReady = "ClusterReady";
    public const string Creating = "Creating";
    public const string Scaling = "Scaling";
    public const string RollingUpdate = "RollingUpdate";
    public const string BrokersNotReady = "BrokersNotReady";
    public const string BrokerUnreachable = "BrokerUnreachable";
    public const string UnderReplicatedPartitions = "UnderReplicatedPartitions";
    public const string InvalidSpec = "InvalidSpec";
    public const string StorageChangeRefused = "StorageChangeRefused";
    public const string ApplyFailed = "ApplyFailed";
    public const string MonitoringFailed = "MonitoringFailed";

    // Topic.
    public const string TopicReady = "TopicReady";
    public const string PartitionDecreaseRefused = "PartitionDecreaseRefused";
    public const string ReplicationFactorChangeRefused = "ReplicationFactorChangeRefused";
    public const string TopicNameChangeRefused = "TopicNameChangeRefused";
    public const string TopicNameConflict = "TopicNameConflict";
    public const string InvalidTopic = "InvalidTopic";

    // ConsumerGroup.
    public const string GroupObserved = "GroupObserved";
    public const string ResetPending = "ResetPending";
    public const string ResetApplied = "ResetApplied";
    public const string ResetFailed = "ResetFailed";
}
