namespace Spool.Client.Consumer.Groups;

/// <summary>
/// Called from <see cref="KafkaConsumer.PollAsync"/> (never from a background thread) when the group
/// rebalances: commit or flush work for revoked partitions, initialise state for assigned ones.
/// </summary>
public interface IConsumerRebalanceListener
{
    /// <summary>Partitions the consumer gives up (all of them with eager assignors; only moving ones with cooperative).</summary>
    Task OnPartitionsRevokedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken);

    /// <summary>Partitions newly assigned; their positions come from committed offsets or <c>auto.offset.reset</c>.</summary>
    Task OnPartitionsAssignedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken);

    /// <summary>
    /// Partitions already owned by others (the member was fenced or timed out): committing for them would fail.
    /// Defaults to <see cref="OnPartitionsRevokedAsync"/>, as in Java.
    /// </summary>
    Task OnPartitionsLostAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken) =>
        OnPartitionsRevokedAsync(partitions, cancellationToken);
}
