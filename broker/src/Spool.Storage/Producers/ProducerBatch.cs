namespace Spool.Storage;

/// <summary>
/// What is remembered of one of a producer's recent batches: its sequence range, the offsets it was given and its
/// max timestamp, so that a retried batch is recognised and answered with the offsets it got the first time.
/// </summary>
internal readonly record struct ProducerBatch(int FirstSequence, int LastSequence, long FirstOffset, long LastOffset, long MaxTimestamp);
