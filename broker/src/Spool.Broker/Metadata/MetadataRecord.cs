using System.Text.Json.Serialization;

namespace Spool.Broker.Metadata;

/// <summary>
/// A change to the cluster metadata, appended to the metadata log and replayed on start. The image is
/// the fold of these records, as in Kafka's KRaft metadata log.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TopicRecord), "topic")]
[JsonDerivedType(typeof(PartitionRecord), "partition")]
[JsonDerivedType(typeof(RemoveTopicRecord), "removeTopic")]
[JsonDerivedType(typeof(ConfigRecord), "config")]
[JsonDerivedType(typeof(RegisterBrokerRecord), "registerBroker")]
[JsonDerivedType(typeof(ProducerIdsRecord), "producerIds")]
public abstract record MetadataRecord;

/// <summary>A topic was created.</summary>
public sealed record TopicRecord(string Name, string TopicId) : MetadataRecord;

/// <summary>A partition was created or its placement changed.</summary>
public sealed record PartitionRecord(
    string TopicId,
    int Partition,
    int[] Replicas,
    int[] Isr,
    int Leader,
    int LeaderEpoch,
    int PartitionEpoch) : MetadataRecord;

/// <summary>A topic and its partitions were deleted.</summary>
public sealed record RemoveTopicRecord(string TopicId) : MetadataRecord;

/// <summary>A config was set (Value) or removed (Value null) on a topic or broker resource.</summary>
public sealed record ConfigRecord(string ResourceType, string ResourceName, string Name, string? Value) : MetadataRecord;

/// <summary>A broker registered (or re-registered with new endpoints).</summary>
public sealed record RegisterBrokerRecord(int NodeId, BrokerEndpoint[] Endpoints, string? Rack) : MetadataRecord;

/// <summary>A block of producer ids was handed out; the next block starts at NextProducerId.</summary>
public sealed record ProducerIdsRecord(int NodeId, long NextProducerId) : MetadataRecord;
