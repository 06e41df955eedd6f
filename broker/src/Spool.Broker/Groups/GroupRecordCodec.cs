using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>
/// Kafka's record format for __consumer_offsets: every key and value is an int16 version followed by the message
/// body. Writes what Kafka 3.x writes (offset key v1 with value v3, or v1 when the commit carries an expire time;
/// group key v2 with value v3) and reads every version Kafka ever wrote.
/// </summary>
internal static class GroupRecordCodec
{
    public const short OffsetKeyVersion = 1;
    public const short GroupKeyVersion = 2;
    public const short OffsetValueVersion = 3;
    public const short OffsetValueVersionWithExpireTime = 1;
    public const short GroupValueVersion = 3;

    public static byte[] OffsetKey(string group, TopicPartition partition) =>
        Prefixed(OffsetKeyVersion, w => new OffsetCommitKey { Group = group, Topic = partition.Topic, Partition = partition.Partition }.Write(w, OffsetKeyVersion));

    public static byte[] OffsetValue(CommittedOffset offset)
    {
        var version = offset.ExpireTimestamp.HasValue ? OffsetValueVersionWithExpireTime : OffsetValueVersion;
        var value = new OffsetCommitValue
        {
            Offset = offset.Offset,
            LeaderEpoch = offset.LeaderEpoch,
            Metadata = offset.Metadata,
            CommitTimestamp = offset.CommitTimestamp,
            ExpireTimestamp = offset.ExpireTimestamp ?? -1,
        };
        return Prefixed(version, w => value.Write(w, version));
    }

    public static byte[] GroupKey(string group) =>
        Prefixed(GroupKeyVersion, w => new GroupMetadataKey { Group = group }.Write(w, GroupKeyVersion));

    public static byte[] GroupValue(GroupMetadataValue value) => Prefixed(GroupValueVersion, w => value.Write(w, GroupValueVersion));

    /// <exception cref="KafkaProtocolException">The key is malformed.</exception>
    public static GroupRecordKey ReadKey(ReadOnlyMemory<byte> key)
    {
        var reader = new KafkaReader(key);
        var version = reader.ReadInt16();
        switch (version)
        {
            case 0 or 1:
                var offsetKey = OffsetCommitKey.Read(ref reader, version);
                return new GroupRecordKey(GroupRecordKind.Offset, version, offsetKey.Group, new TopicPartition(offsetKey.Topic, offsetKey.Partition));
            case 2:
                var groupKey = GroupMetadataKey.Read(ref reader, version);
                return new GroupRecordKey(GroupRecordKind.GroupMetadata, version, groupKey.Group, default);
            default:
                return new GroupRecordKey(GroupRecordKind.Unknown, version, string.Empty, default);
        }
    }

    /// <exception cref="KafkaProtocolException">The value is malformed or of an unknown version.</exception>
    public static CommittedOffset ReadOffsetValue(ReadOnlyMemory<byte> value)
    {
        var reader = new KafkaReader(value);
        var version = reader.ReadInt16();
        if (version < OffsetCommitValue.LowestVersion || version > OffsetCommitValue.HighestVersion)
        {
            throw new KafkaProtocolException($"Unknown offset commit value version {version}");
        }

        var v = OffsetCommitValue.Read(ref reader, version);
        return new CommittedOffset(v.Offset, v.LeaderEpoch, v.Metadata, v.CommitTimestamp, v.ExpireTimestamp == -1 ? null : v.ExpireTimestamp);
    }

    /// <exception cref="KafkaProtocolException">The value is malformed or of an unknown version.</exception>
    public static GroupMetadataValue ReadGroupValue(ReadOnlyMemory<byte> value, out short version)
    {
        var reader = new KafkaReader(value);
        version = reader.ReadInt16();
        if (version < GroupMetadataValue.LowestVersion || version > GroupMetadataValue.HighestVersion)
        {
            throw new KafkaProtocolException($"Unknown group metadata value version {version}");
        }

        return GroupMetadataValue.Read(ref reader, version);
    }

    private static byte[] Prefixed(short version, Action<KafkaWriter> body)
    {
        using var writer = new KafkaWriter(64);
        writer.WriteInt16(version);
        body(writer);
        return writer.ToArray();
    }
}
