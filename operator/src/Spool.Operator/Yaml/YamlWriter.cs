using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Spool.Operator.Yaml;

/// <summary>
/// Writes JSON as block-style YAML the way kubectl prints it (sequences at their key's indentation), deterministically,
/// for generated CRDs and golden files. Strings are plain only when no YAML 1.1 or 1.2 parser could read them as
/// anything else; multi-line strings become literal blocks so PromQL and properties files stay readable.
/// </summary>
public static partial class YamlWriter
{
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        WriteRoot(text, node);
        return text.ToString();
    }

    /// <summary>Several documents separated by "---".</summary>
    public static string WriteAll(IEnumerable<JsonNode?> documents)
    {
        var text = new StringBuilder();
        foreach (var document in documents)
        {
            text.Append("---\n");
            WriteRoot(text, document);
        }

        return text.ToString();
    }

    private static void WriteRoot(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } obj:
                WriteObject(text, obj, 0);
                break;
            case JsonArray { Count: > 0 } array:
                WriteArray(text, array, 0);
                break;
            default:
                text.Append(Scalar(node, 0)).Append('\n');
                break;
        }
    }

    private static void WriteObject(StringBuilder text, JsonObject obj, int indent)
    {
        var first = true;
        foreach (var (key, value) in obj)
        {
            if (!first)
            {
                text.Append(' ', indent);
            }

            first = false;
            text.Append(Key(key)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    private static void WriteArray(StringBuilder text, JsonArray array, int indent)
    {
        var first = true;
        foreach (var item in array)
        {
            if (!first)
            {
                text.Append(' ', indent);
            }

            first = false;
            text.Append('-');
            switch (item)
            {
                case JsonObject { Count: > 0 } obj:
                    text.Append(' ');
                    WriteObject(text, obj, indent + 2);
                    break;
                case JsonArray { Count: > 0 } nested:
                    text.Append(' ');
                    WriteArray(text, nested, indent + 2);
                    break;
                default:
                    text.Append(' ').Append(Scalar(item, indent + 2)).Append('\n');
                    break;
            }
        }
    }

    /// <summary>After "key:": a nested block on the next lines (a sequence at the key's indentation), or " scalar".</summary>
    private static void WriteValue(StringBuilder text, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } obj:
                text.Append('\n').Append(' ', indent + 2);
                WriteObject(text, obj, indent + 2);
                break;
            case JsonArray { Count: > 0 } array:
                text.Append('\n').Append(' ', indent);
                WriteArray(text, array, indent);
                break;
            default:
                text.Append(' ').Append(Scalar(value, indent + 2)).Append('\n');
                break;
        }
    }

    private static string Key(string key) => IsPlainSafe(key) ? key : Quote(key);

    private static string Scalar(JsonNode? node, int blockIndent)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "{}";
            case JsonArray:
                return "[]";
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.String => StringScalar(node.GetValue<string>(), blockIndent),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => node.ToJsonString(),
            _ => "null",
        };
    }

    private static string StringScalar(string value, int blockIndent)
    {
        if (IsPlainSafe(value))
        {
            return value;
        }

        if (value.Contains('\n', StringComparison.Ordinal) && CanBeLiteralBlock(value))
        {
            var chomp = value.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : value.EndsWith('\n') ? "" : "-";
            var body = value.EndsWith('\n') ? value[..^1] : value;
            var block = new StringBuilder("|").Append(chomp);
            foreach (var line in body.Split('\n'))
            {
                block.Append('\n');
                if (line.Length > 0)
                {
                    block.Append(' ', blockIndent).Append(line);
                }
            }

            return block.ToString();
        }

        return Quote(value);
    }

    /// <summary>Literal blocks cannot carry a first line that starts with a space, tabs, or carriage returns faithfully.</summary>
    private static bool CanBeLiteralBlock(string value) =>
        value.Trim('\n').Length > 0 && !value.StartsWith(' ') && !value.Contains('\r', StringComparison.Ordinal) && !value.Contains('\t', StringComparison.Ordinal)
        && !value.Split('\n').Any(l => l.EndsWith(' '));

    /// <summary>A double-quoted scalar, escaping only what YAML requires (UTF-8 text stays readable).</summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                '\t' => quoted.Append("\\t"),
                < ' ' => quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    private static bool IsPlainSafe(string value) =>
        value.Length > 0
        && PlainPattern().IsMatch(value)
        && !value.EndsWith(' ')
        && !value.EndsWith(':')
        && !value.Contains(": ", StringComparison.Ordinal)
        && !value.Contains(" #", StringComparison.Ordinal)
        && !Reserved.Contains(value);

    /// <summary>Words YAML 1.1 (go-yaml v2, which sigs.k8s.io/yaml used) or 1.2 read as booleans or null.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
    };

    /// <summary>Starts with a letter, '_' or '/': never a number, date, indicator or anchor.</summary>
    [GeneratedRegex(@"^[A-Za-z_/][A-Za-z0-9 _./:@,+=()$-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPattern();
}
