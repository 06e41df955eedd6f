namespace Spool.Broker.Groups;

/// <summary>What a __consumer_offsets record key holds, by its version prefix.</summary>
internal enum GroupRecordKind
{
    /// <summary>Key versions 0 and 1: a committed offset.</summary>
    Offset = 0,

    /// <summary>Key version 2: a group's metadata.</summary>
    GroupMetadata = 1,

    /// <summary>Any other version (Kafka's own newer records, e.g. of the consumer protocol): skipped on load.</summary>
    Unknown = 2,
}
