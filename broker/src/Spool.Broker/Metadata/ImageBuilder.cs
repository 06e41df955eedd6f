using System.Collections.Immutable;
using Spool.Protocol;

namespace Spool.Broker.Metadata;

/// <summary>Folds metadata records into a <see cref="ClusterImage"/>.</summary>
public static class ImageBuilder
{
    public static ClusterImage Apply(ClusterImage image, MetadataRecord record) => record switch
    {
        TopicRecord t => image.With(topics: image.Topics.SetItem(
            t.Name,
            new TopicImage(t.Name, ParseId(t.TopicId), [], ImmutableDictionary<string, string>.Empty))),
        PartitionRecord p => ApplyPartition(image, p),
        RemoveTopicRecord r => image.TopicsById.TryGetValue(ParseId(r.TopicId), out var topic)
            ? image.With(topics: image.Topics.Remove(topic.Name))
            : image,
        ConfigRecord c when c.ResourceType == "topic" => ApplyTopicConfig(image, c),
        ConfigRecord => image,
        ProducerIdsRecord ids => image.With(nextProducerId: Math.Max(image.NextProducerId, ids.NextProducerId)),
        RegisterBrokerRecord b => image.With(brokers: image.Brokers.SetItem(b.NodeId, new BrokerImage(b.NodeId, b.Endpoints, b.Rack, Fenced: false))),
        _ => image,
    };

    private static ClusterImage ApplyPartition(ClusterImage image, PartitionRecord p)
    {
        if (!image.TopicsById.TryGetValue(ParseId(p.TopicId), out var topic))
        {
            return image;
        }

        var partitions = topic.Partitions.ToList();
        var updated = new PartitionImage(p.Partition, p.Leader, p.LeaderEpoch, p.Replicas, p.Isr, p.PartitionEpoch);
        if (p.Partition < partitions.Count)
        {
            partitions[p.Partition] = updated;
        }
        else
        {
            partitions.Add(updated);
        }

        return image.With(topics: image.Topics.SetItem(topic.Name, topic with { Partitions = partitions }));
    }

    private static ClusterImage ApplyTopicConfig(ClusterImage image, ConfigRecord c)
    {
        if (!image.Topics.TryGetValue(c.ResourceName, out var topic))
        {
            return image;
        }

        var configs = c.Value is null
            ? topic.Configs.ToImmutableDictionary().Remove(c.Name)
            : topic.Configs.ToImmutableDictionary().SetItem(c.Name, c.Value);
        return image.With(topics: image.Topics.SetItem(topic.Name, topic with { Configs = configs }));
    }

    private static Uuid ParseId(string text) =>
        Uuid.TryParse(text, out var id) ? id : throw new InvalidDataException($"bad topic id {text} in the metadata log");
}
