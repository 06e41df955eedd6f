using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Internal;

/// <summary>
/// The "consumer" embedded protocol carried as opaque bytes by JoinGroup, SyncGroup and DescribeGroups: an
/// int16 version followed by the subscription or assignment at that version.
/// </summary>
internal static class ConsumerProtocol
{
    public const string ProtocolType = "consumer";

    public static byte[] Encode<T>(T message, short version)
        where T : IKafkaMessage<T>
    {
        using var writer = new KafkaWriter(64);
        writer.WriteInt16(version);
        message.Write(writer, version);
        return writer.ToArray();
    }

    /// <summary>
    /// Decodes bytes written at any version. Newer versions only append fields, so a version above ours is read
    /// as our highest (as the Java client does); empty bytes yield null.
    /// </summary>
    public static T? Decode<T>(byte[]? bytes)
        where T : class, IKafkaMessage<T>
    {
        if (bytes is null || bytes.Length < 2)
        {
            return null;
        }

        var reader = new KafkaReader(bytes);
        var version = Math.Clamp(reader.ReadInt16(), T.LowestVersion, T.HighestVersion);
        return T.Read(ref reader, version);
    }

    public static List<TopicPartition> Partitions(ConsumerProtocolAssignment? assignment) =>
        assignment is null
            ? []
            : [.. assignment.AssignedPartitions.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p)))];
}
