using System.Collections.Immutable;
using Spool.Protocol;

namespace Spool.Broker.Metadata;

/// <summary>
/// An immutable snapshot of the cluster metadata. Readers take the current image once per request and
/// see a consistent view; the metadata manager publishes a new image after every committed change.
/// </summary>
public sealed class ClusterImage
{
    public static readonly ClusterImage Empty = new(string.Empty, -1, ImmutableDictionary<int, BrokerImage>.Empty, ImmutableDictionary<string, TopicImage>.Empty, 0);

    public ClusterImage(
        string clusterId,
        int controllerId,
        ImmutableDictionary<int, BrokerImage> brokers,
        ImmutableDictionary<string, TopicImage> topics,
        long offset,
        long nextProducerId = 0)
    {
        NextProducerId = nextProducerId;
        ClusterId = clusterId;
        ControllerId = controllerId;
        Brokers = brokers;
        Topics = topics;
        Offset = offset;
        TopicsById = topics.Values.ToImmutableDictionary(t => t.Id, t => t);
    }

    public string ClusterId { get; }

    public int ControllerId { get; }

    public ImmutableDictionary<int, BrokerImage> Brokers { get; }

    public ImmutableDictionary<string, TopicImage> Topics { get; }

    public ImmutableDictionary<Uuid, TopicImage> TopicsById { get; }

    /// <summary>The first producer id not yet handed out to any broker.</summary>
    public long NextProducerId { get; }

    /// <summary>The metadata log offset this image reflects.</summary>
    public long Offset { get; }

    public ClusterImage With(
        string? clusterId = null,
        int? controllerId = null,
        ImmutableDictionary<int, BrokerImage>? brokers = null,
        ImmutableDictionary<string, TopicImage>? topics = null,
        long? offset = null,
        long? nextProducerId = null) =>
        new(clusterId ?? ClusterId, controllerId ?? ControllerId, brokers ?? Brokers, topics ?? Topics, offset ?? Offset, nextProducerId ?? NextProducerId);
}
