namespace Spool.Cli.Commands.Consume;

/// <summary>Which record fields the text output shows besides the value (kafka-console-consumer.sh's print.* properties).</summary>
internal sealed record RecordFormat(
    bool Key,
    bool Headers,
    bool Partition,
    bool Offset,
    bool Timestamp,
    string Separator);
