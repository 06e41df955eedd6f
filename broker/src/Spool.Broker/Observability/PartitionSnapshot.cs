using System.Diagnostics.Metrics;

namespace Spool.Broker.Observability;

/// <summary>The partition metrics of one scrape, computed in one pass over the hosted partitions.</summary>
internal sealed class PartitionSnapshot
{
    public List<Measurement<long>> LogStartOffset { get; } = [];

    public List<Measurement<long>> LogEndOffset { get; } = [];

    public List<Measurement<long>> HighWatermark { get; } = [];

    public List<Measurement<long>> Size { get; } = [];

    public List<Measurement<long>> UnderReplicated { get; } = [];

    public List<Measurement<long>> InSyncReplicas { get; } = [];

    public List<Measurement<long>> Replicas { get; } = [];

    public List<Measurement<long>> TopicSize { get; } = [];

    public long Hosted { get; set; }

    public long Led { get; set; }

    public long UnderReplicatedCount { get; set; }

    public long Offline { get; set; }
}
