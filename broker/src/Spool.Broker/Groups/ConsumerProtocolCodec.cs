using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>
/// Reads the embedded consumer protocol (an int16 version, then the body) far enough for the broker's needs:
/// subscribed topics (offset expiration, OffsetDelete) and assigned partitions (the query API).
/// </summary>
internal static class ConsumerProtocolCodec
{
    /// <summary>The subscription's topics, read with the v0 layout every version begins with; null if malformed.</summary>
    public static IReadOnlyList<string>? TryReadSubscriptionTopics(byte[] metadata)
    {
        try
        {
            var reader = new KafkaReader(metadata);
            if (reader.ReadInt16() < 0)
            {
                return null;
            }

            return ConsumerProtocolSubscription.Read(ref reader, 0).Topics;
        }
        catch (KafkaProtocolException)
        {
            return null;
        }
    }

    /// <summary>The assigned partitions, read with the v0 layout; empty for an empty or unreadable assignment.</summary>
    public static IReadOnlyList<TopicPartition> ReadAssignedPartitions(byte[] assignment)
    {
        if (assignment.Length == 0)
        {
            return [];
        }

        try
        {
            var reader = new KafkaReader(assignment);
            if (reader.ReadInt16() < 0)
            {
                return [];
            }

            return ConsumerProtocolAssignment.Read(ref reader, 0).AssignedPartitions
                .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p)))
                .ToList();
        }
        catch (KafkaProtocolException)
        {
            return [];
        }
    }
}
