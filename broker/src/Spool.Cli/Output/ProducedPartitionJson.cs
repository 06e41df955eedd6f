namespace Spool.Cli.Output;

/// <summary>Records produced to one partition; offsets are -1 with acks=0 (the broker does not answer).</summary>
public sealed record ProducedPartitionJson(int Partition, long Records, long FirstOffset, long LastOffset);
