using Spool.Protocol.Configs;
using Spool.Storage;

namespace Spool.Broker.Configuration;

/// <summary>
/// Every broker-level key Spool understands, by Kafka's names and defaults (except where a default is
/// chosen for a single-node developer run, as noted). Unknown keys are accepted with a warning, as Kafka
/// does for unused properties.
/// </summary>
public static class BrokerConfigKeys
{
    public const string NodeId = "node.id";
    public const string BrokerId = "broker.id";
    public const string ProcessRoles = "process.roles";
    public const string ControllerQuorumVoters = "controller.quorum.voters";
    public const string ControllerListenerNames = "controller.listener.names";
    public const string Listeners = "listeners";
    public const string AdvertisedListeners = "advertised.listeners";
    public const string ListenerSecurityProtocolMap = "listener.security.protocol.map";
    public const string InterBrokerListenerName = "inter.broker.listener.name";
    public const string LogDirs = "log.dirs";
    public const string LogDir = "log.dir";
    public const string MetadataLogDir = "metadata.log.dir";
    public const string BrokerRack = "broker.rack";
    public const string NumPartitions = "num.partitions";
    public const string DefaultReplicationFactor = "default.replication.factor";
    public const string MinInsyncReplicas = "min.insync.replicas";
    public const string AutoCreateTopicsEnable = "auto.create.topics.enable";
    public const string DeleteTopicEnable = "delete.topic.enable";
    public const string SocketRequestMaxBytes = "socket.request.max.bytes";
    public const string MessageMaxBytes = "message.max.bytes";
    public const string FetchMaxBytes = "fetch.max.bytes";
    public const string LogRetentionMs = "log.retention.ms";
    public const string LogRetentionMinutes = "log.retention.minutes";
    public const string LogRetentionHours = "log.retention.hours";
    public const string LogRetentionBytes = "log.retention.bytes";
    public const string LogSegmentBytes = "log.segment.bytes";
    public const string LogRollMs = "log.roll.ms";
    public const string LogRollHours = "log.roll.hours";
    public const string LogRetentionCheckIntervalMs = "log.retention.check.interval.ms";
    public const string LogFlushIntervalMessages = "log.flush.interval.messages";
    public const string LogFlushIntervalMs = "log.flush.interval.ms";
    public const string LogFlushSchedulerIntervalMs = "log.flush.scheduler.interval.ms";
    public const string LogCleanupPolicy = "log.cleanup.policy";
    public const string LogMessageTimestampType = "log.message.timestamp.type";
    public const string LogIndexIntervalBytes = "log.index.interval.bytes";
    public const string LogIndexSizeMaxBytes = "log.index.size.max.bytes";
    public const string OffsetsTopicNumPartitions = "offsets.topic.num.partitions";
    public const string OffsetsTopicReplicationFactor = "offsets.topic.replication.factor";
    public const string OffsetsRetentionMinutes = "offsets.retention.minutes";
    public const string GroupInitialRebalanceDelayMs = "group.initial.rebalance.delay.ms";
    public const string GroupMinSessionTimeoutMs = "group.min.session.timeout.ms";
    public const string GroupMaxSessionTimeoutMs = "group.max.session.timeout.ms";
    public const string HttpListeners = "http.listeners";
    public const string LogLevel = "log.level";
    public const string MetricsPartitionLevelEnabled = "metrics.partition.level.enabled";

    public static IReadOnlyList<BrokerConfigKey> All { get; } =
    [
        new(NodeId, ConfigType.Int, "0", "The node id of this process (Spool defaults to 0 for a single-node developer run; Kafka requires it)."),
        new(BrokerId, ConfigType.Int, null, "Legacy name of node.id; used when node.id is not set."),
        new(ProcessRoles, ConfigType.List, "broker,controller", "The roles this process plays: broker, controller, or both."),
        new(ControllerQuorumVoters, ConfigType.List, string.Empty, "Voters of the metadata quorum as id@host:port; empty means this node alone. Only this node may be named: multi-node quorums are not built yet, and a broker whose voters name other nodes refuses to start."),
        new(ControllerListenerNames, ConfigType.List, "CONTROLLER", "Names of the listeners used by the controller."),
        new(Listeners, ConfigType.List, "PLAINTEXT://localhost:9092", "Listener URIs NAME://host:port to bind; an empty host binds every interface."),
        new(AdvertisedListeners, ConfigType.List, null, "Listener URIs given to clients in metadata; defaults to listeners."),
        new(ListenerSecurityProtocolMap, ConfigType.List, "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL", "Listener name to security protocol."),
        new(InterBrokerListenerName, ConfigType.String, "PLAINTEXT", "Listener used between brokers."),
        new(LogDirs, ConfigType.List, null, "Directories where partition logs are stored; defaults to log.dir."),
        new(LogDir, ConfigType.String, "./data", "Directory where partition logs are stored when log.dirs is not set (Spool: ./data; Kafka: /tmp/kafka-logs)."),
        new(MetadataLogDir, ConfigType.String, null, "Directory for the cluster metadata log; defaults to the first of log.dirs."),
        new(BrokerRack, ConfigType.String, null, "Rack of this broker."),
        new(NumPartitions, ConfigType.Int, "1", "Default number of partitions of auto-created topics and of CreateTopics requests that ask for -1."),
        new(DefaultReplicationFactor, ConfigType.Short, "1", "Default replication factor of auto-created topics and of CreateTopics requests that ask for -1."),
        new(MinInsyncReplicas, ConfigType.Int, "1", "Minimum in-sync replicas for acks=all produce requests."),
        new(AutoCreateTopicsEnable, ConfigType.Boolean, "true", "Create a topic on a metadata request for an unknown topic."),
        new(DeleteTopicEnable, ConfigType.Boolean, "true", "Allow DeleteTopics."),
        new(SocketRequestMaxBytes, ConfigType.Int, "104857600", "Largest request frame accepted; larger ones close the connection."),
        new(MessageMaxBytes, ConfigType.Int, "1048588", "Largest record batch accepted (topic synonym max.message.bytes)."),
        new(FetchMaxBytes, ConfigType.Int, "57671680", "Largest fetch response the broker returns."),
        new(LogRetentionMs, ConfigType.Long, null, "Retention time of log segments in ms; -1 keeps forever."),
        new(LogRetentionMinutes, ConfigType.Int, null, "Retention time in minutes when log.retention.ms is not set."),
        new(LogRetentionHours, ConfigType.Int, "168", "Retention time in hours when neither log.retention.ms nor log.retention.minutes is set."),
        new(LogRetentionBytes, ConfigType.Long, "-1", "Largest size of a partition before old segments are deleted; -1 is unlimited."),
        new(LogSegmentBytes, ConfigType.Int, "1073741824", "Size of a log segment file."),
        new(LogRollMs, ConfigType.Long, null, "Longest time before a new segment is rolled, in ms."),
        new(LogRollHours, ConfigType.Int, "168", "Longest time before a new segment is rolled, in hours, when log.roll.ms is not set."),
        new(LogRetentionCheckIntervalMs, ConfigType.Long, "300000", "How often retention is checked."),
        new(LogFlushIntervalMessages, ConfigType.Long, "9223372036854775807", "Records appended to a partition before it is flushed to disk."),
        new(LogFlushIntervalMs, ConfigType.Long, null, "Longest time data stays unflushed; unset means only the OS decides."),
        new(LogFlushSchedulerIntervalMs, ConfigType.Long, "9223372036854775807", "How often the flusher checks whether a log needs flushing."),
        new(LogCleanupPolicy, ConfigType.List, "delete", "Default cleanup policy of topics."),
        new(LogMessageTimestampType, ConfigType.String, "CreateTime", "Default timestamp type of topics: CreateTime or LogAppendTime."),
        new(LogIndexIntervalBytes, ConfigType.Int, "4096", "Bytes between offset index entries."),
        new(LogIndexSizeMaxBytes, ConfigType.Int, "10485760", "Largest offset index file."),
        new(OffsetsTopicNumPartitions, ConfigType.Int, "50", "Partitions of __consumer_offsets."),
        new(OffsetsTopicReplicationFactor, ConfigType.Short, "1", "Replication factor of __consumer_offsets (Spool: 1 so that a single node works; Kafka: 3)."),
        new(OffsetsRetentionMinutes, ConfigType.Int, "10080", "How long committed offsets of an empty group are kept."),
        new(GroupInitialRebalanceDelayMs, ConfigType.Int, "3000", "Delay of the first rebalance of a new group, to let more members join."),
        new(GroupMinSessionTimeoutMs, ConfigType.Int, "6000", "Smallest session timeout a member may ask for."),
        new(GroupMaxSessionTimeoutMs, ConfigType.Int, "1800000", "Largest session timeout a member may ask for."),
        new(HttpListeners, ConfigType.List, "http://0.0.0.0:9644", "HTTP endpoints for /metrics, /healthz and /readyz (Spool)."),
        new(LogLevel, ConfigType.String, "Information", "Log level of the broker process: Trace, Debug, Information, Warning, Error (Spool)."),
        new(MetricsPartitionLevelEnabled, ConfigType.Boolean, "true", "Export per-partition series on /metrics (partition offsets and sizes, per-partition consumer lag); turn off for very large clusters, per-topic and per-group series remain (Spool)."),
        new("offset.metadata.max.bytes", ConfigType.Int, "4096", "Largest metadata string of a committed offset."),
        new("offsets.retention.check.interval.ms", ConfigType.Long, "600000", "How often expired offsets of empty groups are removed."),
        new("offsets.topic.segment.bytes", ConfigType.Int, "104857600", "Segment size of __consumer_offsets."),
        new("offsets.load.buffer.size", ConfigType.Int, "5242880", "Bytes read at a time when loading __consumer_offsets."),
        new("group.max.size", ConfigType.Int, "2147483647", "Largest number of members in a consumer group."),
        new("log.cleaner.enable", ConfigType.Boolean, "true", "Run the log cleaner that compacts cleanup.policy=compact topics."),
        new("log.cleaner.threads", ConfigType.Int, "1", "Threads of the log cleaner."),
        new("log.cleaner.backoff.ms", ConfigType.Long, "15000", "Sleep of the log cleaner when no log needs cleaning."),
        new("log.cleaner.dedupe.buffer.size", ConfigType.Long, "134217728", "Memory of the cleaner's key map, all cleaner threads together."),
        new("log.cleaner.io.buffer.size", ConfigType.Int, "524288", "I/O buffer of the cleaner, all cleaner threads together."),
        new("producer.id.expiration.ms", ConfigType.Int, "86400000", "How long the broker keeps an idle producer's state (sequence numbers) before forgetting it."),
        new("producer.id.expiration.check.interval.ms", ConfigType.Int, "600000", "How often expired producer state is removed."),
        new("log.flush.offset.checkpoint.interval.ms", ConfigType.Int, "60000", "How often the recovery point is checkpointed."),
        new("log.flush.start.offset.checkpoint.interval.ms", ConfigType.Int, "60000", "How often log start offsets are checkpointed."),
        new("replica.high.watermark.checkpoint.interval.ms", ConfigType.Long, "5000", "How often high watermarks are checkpointed."),
        new("num.recovery.threads.per.data.dir", ConfigType.Int, "2", "Threads per log dir that load logs at startup."),
        new("log.segment.handles.max", ConfigType.Int, "256", "Open read handles of inactive segments, all partitions together (Spool)."),
        new("log.index.cache.max.entries", ConfigType.Int, "256", "Loaded indexes of inactive segments, all partitions together (Spool)."),
    ];

    private static readonly Dictionary<string, BrokerConfigKey> ByName = BuildIndex();

    /// <summary>
    /// Every key the broker understands: the list above plus each topic config's broker-level synonym
    /// (log.cleaner.*, log.roll.jitter.ms, ...), which the storage layer reads as topic defaults.
    /// </summary>
    public static IEnumerable<BrokerConfigKey> Known => ByName.Values;

    public static bool TryGet(string name, out BrokerConfigKey key) => ByName.TryGetValue(name, out key!);

    private static Dictionary<string, BrokerConfigKey> BuildIndex()
    {
        var index = All.ToDictionary(k => k.Name, StringComparer.Ordinal);
        foreach (var topicConfig in TopicConfigCatalog.All)
        {
            foreach (var synonym in topicConfig.Synonyms)
            {
                index.TryAdd(synonym.Name, new BrokerConfigKey(
                    synonym.Name,
                    synonym.Multiplier == 1 ? topicConfig.Type : ConfigType.Long,
                    synonym.DefaultValue,
                    $"Default of the topic config {topicConfig.Name}. {topicConfig.Documentation}"));
            }
        }

        return index;
    }
}
