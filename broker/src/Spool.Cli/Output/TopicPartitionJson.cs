namespace Spool.Cli.Output;

public sealed record TopicPartitionJson(string Topic, int Partition);
