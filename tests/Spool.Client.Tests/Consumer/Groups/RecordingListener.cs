using System.Collections.Concurrent;
using Spool.Client.Consumer.Groups;

namespace Spool.Client.Tests.Consumer.Groups;

/// <summary>Records rebalance callbacks in order.</summary>
internal sealed class RecordingListener : IConsumerRebalanceListener
{
    public ConcurrentQueue<(string Kind, TopicPartition[] Partitions)> Calls { get; } = new();

    public Task OnPartitionsRevokedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("revoked", [.. partitions]));
        return Task.CompletedTask;
    }

    public Task OnPartitionsAssignedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("assigned", [.. partitions]));
        return Task.CompletedTask;
    }

    public Task OnPartitionsLostAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("lost", [.. partitions]));
        return Task.CompletedTask;
    }
}
