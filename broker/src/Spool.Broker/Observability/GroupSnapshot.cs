using System.Diagnostics.Metrics;

namespace Spool.Broker.Observability;

/// <summary>The consumer group metrics of one scrape.</summary>
internal sealed class GroupSnapshot
{
    public List<Measurement<long>> State { get; } = [];

    public List<Measurement<long>> Members { get; } = [];

    public List<Measurement<long>> CommittedOffset { get; } = [];

    public List<Measurement<long>> Lag { get; } = [];

    public List<Measurement<double>> LagSeconds { get; } = [];

    public List<Measurement<long>> TopicLag { get; } = [];

    public List<Measurement<double>> TopicLagSeconds { get; } = [];
}
