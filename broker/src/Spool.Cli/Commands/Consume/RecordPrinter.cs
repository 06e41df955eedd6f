using System.Text;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Client.Consumer;

namespace Spool.Cli.Commands.Consume;

/// <summary>
/// One record as one output line: kafka-console-consumer.sh's layout (<c>CreateTime:…	Partition:…	Offset:…	headers	key	value</c>,
/// fields as chosen, "null" for a null key or value), or a JSON object with <c>--output json</c>.
/// </summary>
internal sealed class RecordPrinter
{
    private readonly RecordFormat _format;
    private readonly bool _json;

    public RecordPrinter(RecordFormat format, bool json)
    {
        _format = format;
        _json = json;
    }

    public string Format(ConsumerRecord record) => _json ? Json(record) : Text(record);

    private string Text(ConsumerRecord record)
    {
        var line = new StringBuilder();
        if (_format.Timestamp)
        {
            line.Append(record.TimestampType).Append(':').Append(record.Timestamp).Append(_format.Separator);
        }

        if (_format.Partition)
        {
            line.Append("Partition:").Append(record.Partition).Append(_format.Separator);
        }

        if (_format.Offset)
        {
            line.Append("Offset:").Append(record.Offset).Append(_format.Separator);
        }

        if (_format.Headers)
        {
            line.Append(record.Headers.Count == 0
                ? "NO_HEADERS"
                : string.Join(',', record.Headers.Select(h => $"{h.Key}:{(h.Value is null ? "null" : Encoding.UTF8.GetString(h.Value))}")));
            line.Append(_format.Separator);
        }

        if (_format.Key)
        {
            line.Append(record.KeyAsString() ?? "null").Append(_format.Separator);
        }

        return line.Append(record.ValueAsString() ?? "null").ToString();
    }

    private static string Json(ConsumerRecord record)
    {
        var (key, keyEncoding) = EncodedText.Encode(record.Key);
        var (value, valueEncoding) = EncodedText.Encode(record.Value);
        var headers = record.Headers.Select(h =>
        {
            var (text, encoding) = EncodedText.Encode(h.Value is null ? (ReadOnlyMemory<byte>?)null : h.Value);
            return new HeaderJson(h.Key, text, encoding);
        }).ToList();
        return System.Text.Json.JsonSerializer.Serialize(
            new ConsumedRecordJson(record.Topic, record.Partition, record.Offset, record.Timestamp, record.TimestampType.ToString(), key, keyEncoding, value, valueEncoding, headers),
            CliJsonContext.Compact.ConsumedRecordJson);
    }
}
