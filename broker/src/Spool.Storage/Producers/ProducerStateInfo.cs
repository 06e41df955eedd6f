namespace Spool.Storage;

/// <summary>
/// One active producer of a partition, as DescribeProducers reports it. Spool has no transactions, so the
/// coordinator epoch and the current transaction start offset are always -1.
/// </summary>
public sealed record ProducerStateInfo(
    long ProducerId,
    short ProducerEpoch,
    int LastSequence,
    long LastTimestamp,
    long LastOffset,
    int CoordinatorEpoch = -1,
    long CurrentTxnStartOffset = -1);
