using System.Text.Json;
using Spool.Cli.Infrastructure;
using Spool.Client.Producer;
using Spool.Protocol.Records;

namespace Spool.Cli.Commands.Produce;

/// <summary>
/// JSON lines: <c>{"key": "k", "value": "v", "headers": {"h": "x"}, "partition": 0, "timestamp": 1700000000000}</c>,
/// every field optional. Headers may also be a list of <c>{"key", "value"}</c> objects (repeated names keep their
/// order); <c>keyEncoding</c>/<c>valueEncoding</c> "base64" carry binary data. Other fields (topic, offset) are
/// ignored, so the output of <c>spool consume --output json</c> can be produced again. Blank lines are skipped.
/// </summary>
internal sealed class JsonRecordParser : IRecordParser
{
    public ProducerRecord? Parse(string topic, string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("expected a JSON object");
            }

            var key = EncodedText.Decode(String(root, "key"), String(root, "keyEncoding"), "key");
            var value = EncodedText.Decode(String(root, "value"), String(root, "valueEncoding"), "value");
            return new ProducerRecord(topic, key, value, Headers(root), Int(root, "partition"), Long(root, "timestamp"));
        }
    }

    private static List<RecordHeader>? Headers(JsonElement root)
    {
        if (!root.TryGetProperty("headers", out var headers) || headers.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var list = new List<RecordHeader>();
        if (headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in headers.EnumerateObject())
            {
                list.Add(new RecordHeader(property.Name, EncodedText.Decode(AsString(property.Value, $"header {property.Name}"), null, "header")));
            }
        }
        else if (headers.ValueKind == JsonValueKind.Array)
        {
            foreach (var header in headers.EnumerateArray())
            {
                var name = String(header, "key") ?? throw new FormatException("a header without a key");
                list.Add(new RecordHeader(name, EncodedText.Decode(String(header, "value"), String(header, "valueEncoding"), "header value")));
            }
        }
        else
        {
            throw new FormatException("headers must be an object or a list of {key, value}");
        }

        return list;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? AsString(value, name) : null;

    private static string? AsString(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),

        // A number or object as the value is produced as its JSON text, which is what a user piping JSON means.
        JsonValueKind.Number or JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => throw new FormatException($"{name} has an unexpected JSON type"),
    };

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.TryGetInt32(out var n) && n >= 0 ? n : throw new FormatException($"{name} must be a non-negative integer")
            : null;

    private static long? Long(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.TryGetInt64(out var n) && n >= 0 ? n : throw new FormatException($"{name} must be a non-negative integer (epoch milliseconds)")
            : null;
}
