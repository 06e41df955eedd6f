using System.Text;
using Spool.Client.Producer;

namespace Spool.Cli.Commands.Produce;

/// <summary>
/// kafka-console-producer.sh's format: the whole line is the value; with a key separator, the text before its
/// first occurrence is the key (parse.key=true, key.separator). An empty line is an empty value, as in Kafka.
/// </summary>
internal sealed class LineRecordParser : IRecordParser
{
    private readonly string? _keySeparator;

    public LineRecordParser(string? keySeparator) => _keySeparator = keySeparator;

    public ProducerRecord? Parse(string topic, string line)
    {
        if (_keySeparator is null)
        {
            return new ProducerRecord(topic, null, Encoding.UTF8.GetBytes(line));
        }

        var index = line.IndexOf(_keySeparator, StringComparison.Ordinal);
        if (index < 0)
        {
            throw new FormatException($"no key separator '{_keySeparator}' in the line");
        }

        return new ProducerRecord(topic, Encoding.UTF8.GetBytes(line[..index]), Encoding.UTF8.GetBytes(line[(index + _keySeparator.Length)..]));
    }
}
