using Spool.Client.Producer;

namespace Spool.Cli.Commands.Produce;

/// <summary>Turns one input line into a record to produce; null skips the line.</summary>
internal interface IRecordParser
{
    /// <exception cref="FormatException">The line cannot be parsed.</exception>
    ProducerRecord? Parse(string topic, string line);
}
